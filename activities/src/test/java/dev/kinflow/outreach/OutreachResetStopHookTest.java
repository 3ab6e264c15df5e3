package dev.kinflow.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.AccountData;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class OutreachResetStopHookTest {

    final JdbcClient jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
    final OutreachResetStopHook hook = new OutreachResetStopHook(new OutreachBatchRepository(jdbc, Jdbc.JSON));

    @Test
    void queuedMessagesAreWithdrawnOnceClaimedOnesAndOtherAccountsAreLeftAlone() {
        UUID resetting = Jdbc.newAccount(jdbc, "Resetting", "FR");
        UUID other = Jdbc.newAccount(jdbc, "Other", "FR");
        AccountData.seed(jdbc, resetting, new AccountData.Shape(40, 10));
        AccountData.seed(jdbc, other, new AccountData.Shape(40, 10));
        long queued = queueRows(resetting, "queued");
        long claimed = queueRows(resetting, "claimed");
        List<String> otherBefore = queue(other);
        assertThat(queued).isPositive();
        assertThat(claimed).isPositive();

        assertThat(hook.withdraw(resetting)).isEqualTo(queued);
        assertThat(hook.withdraw(resetting)).isZero();

        assertThat(queueRows(resetting, "queued")).isZero();
        assertThat(queueRows(resetting, "withdrawn")).isEqualTo(queued);
        assertThat(queueRows(resetting, "claimed")).isEqualTo(claimed);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM outreach_batch_items i JOIN send_queue q ON q.item_id = i.id
                        WHERE q.account_id = ? AND q.status = 'withdrawn' AND i.status = 'cancelled'""")
                .param(resetting).query(Long.class).single()).isEqualTo(queued);
        assertThat(queue(other)).isEqualTo(otherBefore);
    }

    long queueRows(UUID account, String status) {
        return jdbc.sql("SELECT count(*) FROM send_queue WHERE account_id = ? AND status = ?").params(account, status)
                .query(Long.class).single();
    }

    List<String> queue(UUID account) {
        return jdbc.sql("SELECT q::text || i::text FROM send_queue q JOIN outreach_batch_items i ON i.id = q.item_id "
                + "WHERE q.account_id = ? ORDER BY q.id").param(account).query(String.class).list();
    }
}
