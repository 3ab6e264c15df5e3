package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The budget ledger against PostgreSQL, on a clock the test moves. Two {@link MonicaBudget} instances stand for two
 * worker processes sharing the database.
 */
class MonicaBudgetTest {

    private static DataSource ds;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private JdbcClient jdbc;
    private MonicaBudget workerA;
    private MonicaBudget workerB;

    @BeforeEach
    void ledger() {
        if (ds == null) {
            ds = TestDatabase.fresh().dataSource();
        }
        jdbc = JdbcClient.create(ds);
        jdbc.sql("TRUNCATE monica_budgets CASCADE").update();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(ds));
        workerA = new MonicaBudget(jdbc, transactions, now::get);
        workerB = new MonicaBudget(jdbc, transactions, now::get);
    }

    @Test
    void askingTwiceWithOneSlotKeyFindsTheSameSlotAndCompletingTwiceChangesNothingMore() {
        fill(workerA, "k", 3);
        MonicaBudget.Decision first = workerA.take("k", "attempt-1", 3);
        MonicaBudget.Decision again = workerA.take("k", "attempt-1", 3);
        assertThat(first).isInstanceOf(MonicaBudget.Decision.Wait.class).isEqualTo(again);
        assertThat(count("SELECT count(*) FROM monica_request_slots WHERE slot_key = 'attempt-1'")).isEqualTo(1);

        now.addAndGet(((MonicaBudget.Decision.Wait) first).budgetWait().millis());
        MonicaBudget.Decision.Send send = (MonicaBudget.Decision.Send) workerB.take("k", "attempt-1", 3);
        workerB.complete(send.slotId(), 0);
        String after = dump();
        now.addAndGet(5_000);
        workerB.complete(send.slotId(), 0);
        assertThat(dump()).isEqualTo(after);
    }

    @Test
    void twoWorkersSharingACredentialNeverLetMoreThanTheLimitIntoAnySixtySeconds() {
        List<Long> sent = new ArrayList<>();
        int attempt = 0;
        while (sent.size() < 40) {
            MonicaBudget worker = attempt % 2 == 0 ? workerA : workerB;
            String key = "attempt-" + attempt++;
            MonicaBudget.Decision decision = worker.take("k", key, 7);
            if (decision instanceof MonicaBudget.Decision.Wait(BudgetWait wait)) {
                assertThat(wait.reason()).isEqualTo(BudgetWait.Reason.BUDGET);
                now.addAndGet(wait.millis());
                decision = worker.take("k", key, 7);
            }
            long id = ((MonicaBudget.Decision.Send) decision).slotId();
            sent.add(now.get());
            now.addAndGet(150);
            worker.complete(id, 0);
        }
        assertThat(maxInAnyWindow(sent)).isEqualTo(7);
        assertThat(sent.getLast() - sent.getFirst()).as("5 full windows, no more")
                .isLessThan(5 * 60_000 + 5 * 1_000);
    }

    @Test
    void aRequestLetGoLateGivesItsSlotUpAndReservesAnother() {
        fill(workerA, "k", 2);
        MonicaBudget.Decision.Wait wait = (MonicaBudget.Decision.Wait) workerA.take("k", "late", 2);
        now.addAndGet(wait.budgetWait().millis() + MonicaBudget.CLAIM_WINDOW_MILLIS + 1);
        assertThat(workerA.take("k", "late", 2)).as("the window moved on: a fresh slot, free now")
                .isInstanceOf(MonicaBudget.Decision.Send.class);
        assertThat(count("SELECT count(*) FROM monica_request_slots WHERE slot_key = 'late'")).isEqualTo(1);
    }

    @Test
    void aTooManyRequestsAnswerHoldsEveryUserOfTheBudgetUntilItsRetryAfter() {
        MonicaBudget.Decision.Send sent = (MonicaBudget.Decision.Send) workerA.take("k", "a", 55);
        MonicaBudget.Decision reservedBefore = workerB.take("k", "b", 55);
        assertThat(reservedBefore).isInstanceOf(MonicaBudget.Decision.Send.class);
        workerA.complete(sent.slotId(), 30);

        MonicaBudget.Decision other = workerB.take("k", "c", 55);
        assertThat(other).isEqualTo(new MonicaBudget.Decision.Wait(new BudgetWait(BudgetWait.Reason.RETRY_AFTER,
                30_000)));
        assertThat(workerA.take("another-credential", "d", 55)).isInstanceOf(MonicaBudget.Decision.Send.class);
    }

    private void fill(MonicaBudget budget, String key, int limit) {
        for (int i = 0; i < limit; i++) {
            MonicaBudget.Decision.Send send = (MonicaBudget.Decision.Send) budget.take(key, "fill-" + i, limit);
            budget.complete(send.slotId(), 0);
        }
    }

    private static int maxInAnyWindow(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int max = 0;
        for (int start = 0, end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) >= 60_000) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String dump() {
        return String.join("\n", jdbc.sql("SELECT to_jsonb(s)::text FROM monica_request_slots s ORDER BY id")
                .query(String.class).list()) + jdbc.sql("SELECT to_jsonb(b)::text FROM monica_budgets b")
                .query(String.class).list();
    }

    @Test
    void theKeyIsAKeyedHashOfTheNormalisedInstanceAndTheToken() {
        CredentialStore one = new CredentialStore(jdbc, Base64.getEncoder().encodeToString(new byte[32]), "x");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        CredentialStore other = new CredentialStore(jdbc, Base64.getEncoder().encodeToString(otherKey), "x");
        String key = MonicaBudgetKey.of(one, "https://Monica.example:443/", "token-1");
        assertThat(MonicaBudgetKey.of(one, "https://monica.example", "token-1")).isEqualTo(key);
        assertThat(MonicaBudgetKey.of(one, "https://monica.example", "token-2")).isNotEqualTo(key);
        assertThat(MonicaBudgetKey.of(one, "https://monica.example:8443", "token-1")).isNotEqualTo(key);
        assertThat(MonicaBudgetKey.of(other, "https://monica.example", "token-1")).as("keyed").isNotEqualTo(key);
        assertThat(key).doesNotContain("token-1");
    }
}
