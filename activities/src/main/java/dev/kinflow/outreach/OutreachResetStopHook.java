package dev.kinflow.outreach;

import dev.kinflow.reset.ResetStopHook;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When an account's reset starts, withdraws every message still waiting in its device send queue (not yet claimed by
 * a device), and cancels their items, so no device sends anything for the account from then on. Claimed messages are
 * left alone: the device may already have sent them, and its result is still accepted until the reset deletes them.
 * Idempotent: only {@code queued} rows change, so a second call withdraws nothing.
 */
@Component
public class OutreachResetStopHook implements ResetStopHook {

    private final JdbcClient jdbc;

    public OutreachResetStopHook(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "outreach send queue";
    }

    @Override
    public long withdraw(UUID accountId) {
        return jdbc.sql("""
                        WITH withdrawn AS (
                            UPDATE send_queue SET status = 'withdrawn', result_at = now()
                            WHERE account_id = :a AND status = 'queued' RETURNING item_id
                        ), cancelled AS (
                            UPDATE outreach_batch_items SET status = 'cancelled', finished_at = now(), updated_at = now()
                            WHERE account_id = :a AND id IN (SELECT item_id FROM withdrawn) AND status = 'queued'
                        )
                        SELECT count(*) FROM withdrawn""")
                .param("a", accountId).query(Long.class).single();
    }
}
