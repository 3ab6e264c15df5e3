package dev.kinflow.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class AccountBootstrapActivitiesTest {

    static JdbcClient jdbc;
    static AccountBootstrapActivitiesImpl activities;

    @BeforeAll
    static void database() {
        jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
        activities = new AccountBootstrapActivitiesImpl(jdbc);
    }

    @Test
    void outreachSettingsAreCreatedOnceAndReportedAsPresentAfterwards() {
        UUID account = Jdbc.newAccount(jdbc, "A", "FR");
        ProvisionRequest request = new ProvisionRequest(account.toString());

        assertThat(activities.ensureOutreachSettings(request)).isEqualTo(new Provisioned("outreach-settings", 1));
        assertThat(activities.ensureOutreachSettings(request)).isEqualTo(new Provisioned("outreach-settings", 0));

        assertThat(jdbc.sql("SELECT count(*) FROM outreach_settings WHERE account_id = ?").param(account)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void reminderRulesAreCreatedOnceAndAMissingOneIsRestored() {
        UUID account = Jdbc.newAccount(jdbc, "B", null);
        ProvisionRequest request = new ProvisionRequest(account.toString());

        assertThat(activities.ensureReminderRules(request).created()).isEqualTo(3);
        assertThat(activities.ensureReminderRules(request).created()).isZero();

        jdbc.sql("DELETE FROM reminder_rules WHERE account_id = ? AND days_before = 7").param(account).update();
        assertThat(activities.ensureReminderRules(request).created()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT days_before FROM reminder_rules WHERE account_id = ? ORDER BY days_before")
                .param(account).query(Integer.class).list()).containsExactly(0, 7, 30);
    }

    @Test
    void provisioningOneAccountLeavesOthersAlone() {
        UUID a = Jdbc.newAccount(jdbc, "C", null);
        UUID b = Jdbc.newAccount(jdbc, "D", null);
        activities.ensureReminderRules(new ProvisionRequest(a.toString()));
        assertThat(jdbc.sql("SELECT count(*) FROM reminder_rules WHERE account_id = ?").param(b)
                .query(Integer.class).single()).isZero();
    }
}
