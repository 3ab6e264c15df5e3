package dev.kinflow.imports;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger of one Monica request budget per credential ({@code monica_budgets}, {@code monica_request_slots}): at
 * most {@code limit} requests reach Monica in any 60 s window, whatever import, child workflow, retry or worker
 * process sends them. Every decision is taken in one transaction holding the budget's row lock, with one clock
 * ({@link BudgetClock}).
 *
 * <p>Each request attempt has a slot: it is let go no earlier than {@code slot_at} and no later than {@code send_by}
 * (a request whose worker stalled past that gives its slot up and reserves a new one, so a late send cannot crowd a
 * window). Each slot carries {@code done_by}, an upper bound of its arrival at Monica: {@code send_by} plus
 * {@link #ATTEMPT_BOUND} while unclaimed, the claim time plus {@link #ATTEMPT_BOUND} while in flight, the completion
 * time once the response came back (a response proves the request arrived). A new slot is placed at the earliest
 * time {@code t} not before now, not before a 429's {@code Retry-After}, and at least 60 s after the
 * {@code limit}-th largest {@code done_by}: then any {@code limit} earlier requests include one that arrived at or
 * before {@code t - 60 s}, so no 60 s window ever holds {@code limit + 1} arrivals.
 */
@Component
public class MonicaBudget {

    static final long WINDOW_MILLIS = 60_000;
    /** How late after its slot a request may still be let go. */
    static final long CLAIM_WINDOW_MILLIS = 10_000;
    /** A request let go reaches Monica within its attempt (the activity's 60 s start-to-close timeout). */
    static final long ATTEMPT_BOUND = 60_000;

    /** What the budget decided for one request attempt. */
    public sealed interface Decision {
        /** Send now; report the end with {@link #complete}. */
        record Send(long slotId) implements Decision {
        }

        /** Do not send yet: ask again (same slot key) after the wait. */
        record Wait(BudgetWait budgetWait) implements Decision {
        }
    }

    private record Slot(long id, long slotAt, long sendBy, Long claimedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final BudgetClock clock;

    public MonicaBudget(JdbcClient jdbc, TransactionTemplate transactions, BudgetClock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The decision for the attempt {@code slotKey} (idempotent: asking again with the same key finds its slot):
     * reserves its slot if it has none, gives up a slot that can no longer be used (claimed already, past its
     * {@code send_by}, or before a 429's block), and claims the slot once its time has come.
     */
    public Decision take(String budgetKey, String slotKey, int limit) {
        return transactions.execute(status -> {
            jdbc.sql("INSERT INTO monica_budgets (budget_key) VALUES (?) ON CONFLICT DO NOTHING").param(budgetKey)
                    .update();
            long blockedUntil = jdbc.sql("SELECT blocked_until FROM monica_budgets WHERE budget_key = ? FOR UPDATE")
                    .param(budgetKey).query(Long.class).single();
            long now = clock.millis();
            Optional<Slot> slot = jdbc.sql("""
                            SELECT id, slot_at, send_by, claimed_at FROM monica_request_slots
                            WHERE slot_key = ? AND budget_key = ?""")
                    .params(slotKey, budgetKey)
                    .query((rs, row) -> new Slot(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            (Long) rs.getObject(4)))
                    .optional();
            if (slot.isPresent() && unusable(slot.get(), now, blockedUntil)) {
                giveUp(slot.get());
                slot = Optional.empty();
            }
            Slot mine = slot.orElseGet(() -> reserve(budgetKey, slotKey, limit, now, blockedUntil));
            if (mine.slotAt() > now) {
                BudgetWait.Reason reason = mine.slotAt() == blockedUntil ? BudgetWait.Reason.RETRY_AFTER
                        : BudgetWait.Reason.BUDGET;
                return new Decision.Wait(new BudgetWait(reason, mine.slotAt() - now));
            }
            jdbc.sql("UPDATE monica_request_slots SET claimed_at = ?, done_by = ? WHERE id = ?")
                    .params(now, now + ATTEMPT_BOUND, mine.id()).update();
            return new Decision.Send(mine.id());
        });
    }

    /**
     * The request of slot {@code slotId} has come back now; a 429 blocks the whole budget for its
     * {@code retryAfterSeconds} (0: not rate limited). Repeating it changes nothing more.
     */
    public void complete(long slotId, int retryAfterSeconds) {
        transactions.executeWithoutResult(status -> {
            long now = clock.millis();
            jdbc.sql("""
                            UPDATE monica_request_slots SET completed_at = coalesce(completed_at, ?),
                                   done_by = least(done_by, ?)
                            WHERE id = ?""")
                    .params(now, now, slotId).update();
            if (retryAfterSeconds > 0) {
                jdbc.sql("""
                                UPDATE monica_budgets b SET blocked_until = greatest(b.blocked_until, ?)
                                FROM monica_request_slots s WHERE s.id = ? AND b.budget_key = s.budget_key""")
                        .params(now + retryAfterSeconds * 1000L, slotId).update();
            }
        });
    }

    private static boolean unusable(Slot slot, long now, long blockedUntil) {
        return slot.claimedAt() != null || now > slot.sendBy() || slot.slotAt() < blockedUntil;
    }

    /** An unclaimed slot is deleted; a claimed one stays (it was sent) but loses its key. */
    private void giveUp(Slot slot) {
        if (slot.claimedAt() == null) {
            jdbc.sql("DELETE FROM monica_request_slots WHERE id = ?").param(slot.id()).update();
        } else {
            jdbc.sql("UPDATE monica_request_slots SET slot_key = NULL WHERE id = ?").param(slot.id()).update();
        }
    }

    private Slot reserve(String budgetKey, String slotKey, int limit, long now, long blockedUntil) {
        jdbc.sql("DELETE FROM monica_request_slots WHERE budget_key = ? AND done_by < ?")
                .params(budgetKey, now - WINDOW_MILLIS).update();
        Optional<Long> limitthLatest = jdbc.sql("""
                        SELECT done_by FROM monica_request_slots WHERE budget_key = ?
                        ORDER BY done_by DESC OFFSET ? LIMIT 1""")
                .params(budgetKey, Math.max(1, limit) - 1).query(Long.class).optional();
        long slotAt = Math.max(Math.max(now, blockedUntil), limitthLatest.map(t -> t + WINDOW_MILLIS).orElse(now));
        long sendBy = slotAt + CLAIM_WINDOW_MILLIS;
        long id = jdbc.sql("""
                        INSERT INTO monica_request_slots (budget_key, slot_key, slot_at, send_by, done_by)
                        VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(budgetKey, slotKey, slotAt, sendBy, sendBy + ATTEMPT_BOUND).query(Long.class).single();
        return new Slot(id, slotAt, sendBy, null);
    }
}
