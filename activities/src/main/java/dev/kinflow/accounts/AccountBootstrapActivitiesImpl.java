package dev.kinflow.accounts;

import dev.kinflow.common.TaskQueues;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = TaskQueues.DEFAULT)
public class AccountBootstrapActivitiesImpl implements AccountBootstrapActivities {

    /** Days before a birthday or date at which reminders fire by default. */
    static final List<Integer> DEFAULT_REMINDER_DAYS = List.of(30, 7, 0);

    private final JdbcClient jdbc;

    public AccountBootstrapActivitiesImpl(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Provisioned ensureOutreachSettings(ProvisionRequest request) {
        int created = jdbc.sql("""
                        INSERT INTO outreach_settings (account_id, paused, max_per_minute, max_per_hour, max_per_day,
                                                       min_gap_seconds, quiet_hours_start, quiet_hours_end,
                                                       timezone, ack_timeout_minutes)
                        VALUES (?, false, 2, 60, 300, 20, NULL, NULL, NULL, 30)
                        ON CONFLICT (account_id) DO NOTHING""")
                .param(UUID.fromString(request.accountId()))
                .update();
        return new Provisioned("outreach-settings", created);
    }

    @Override
    public Provisioned ensureReminderRules(ProvisionRequest request) {
        UUID account = UUID.fromString(request.accountId());
        int created = 0;
        for (int days : DEFAULT_REMINDER_DAYS) {
            created += jdbc.sql("""
                            INSERT INTO reminder_rules (account_id, days_before) VALUES (?, ?)
                            ON CONFLICT (account_id, days_before) DO NOTHING""")
                    .params(account, days)
                    .update();
        }
        return new Provisioned("reminder-rules", created);
    }
}
