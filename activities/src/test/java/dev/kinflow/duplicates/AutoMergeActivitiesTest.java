package dev.kinflow.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

class AutoMergeActivitiesTest {

    static JdbcClient jdbc;
    static TestActivityEnvironment env;
    static AutoMergeActivities activities;

    @BeforeAll
    static void setUp() {
        DataSource ds = TestDatabase.fresh().dataSource();
        jdbc = Jdbc.client(ds);
        env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new AutoMergeActivitiesImpl(jdbc,
                new MergeService(jdbc, new DataSourceTransactionManager(ds), Jdbc.JSON)));
        activities = env.newActivityStub(AutoMergeActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1)).build());
    }

    @AfterAll
    static void tearDown() {
        env.close();
    }

    @Test
    void mergesImportedContactsWithTheSameNameThatShareAKeyOnceAndKeepsTheRest() {
        UUID account = Jdbc.newAccount(jdbc, "Auto", "FR");
        Fixtures db = new Fixtures(jdbc, account);
        UUID job = UUID.randomUUID();
        UUID otherJob = UUID.randomUUID();
        long first = db.contact("Zoë", "Martin");
        long sameEmail = db.contact("Zoe", "MARTIN");
        long samePhoneAsSecond = db.contact("zoe", "martin");
        long sameNameNoKey = db.contact("Zoe", "Martin");
        long junkPhone1 = db.contact("Paul", "Durand");
        long junkPhone2 = db.contact("Paul", "Durand");
        long otherNameSameEmail = db.contact("Léa", "Martin");
        long otherImport = db.contact("Zoe", "Martin");
        long sameAddress1 = db.contact("Jean", "Petit");
        long sameAddress2 = db.contact("Jean", "Petit");
        db.field(first, "email", "zoe@example.org").field(sameEmail, "email", "zoe@example.org")
                .field(sameEmail, "phone", "+33612345678").field(samePhoneAsSecond, "phone", "+33612345678")
                .field(sameNameNoKey, "email", "zoe.other@example.org")
                .field(junkPhone1, "phone", "N/A").field(junkPhone2, "phone", "N/A")
                .field(junkPhone1, "phone", "+").field(junkPhone2, "phone", "+")
                .field(otherNameSameEmail, "email", "zoe@example.org")
                .field(otherImport, "email", "zoe@example.org")
                .address(sameAddress1, "3 Rue de la Paix", "75002").address(sameAddress2, "3 rue de la  paix", "75002");
        int n = 0;
        for (long id : List.of(first, sameEmail, samePhoneAsSecond, sameNameNoKey, junkPhone1, junkPhone2,
                otherNameSameEmail, sameAddress1, sameAddress2)) {
            db.importRecord(id, "c-" + n++, job);
        }
        db.importRecord(otherImport, "c-other", otherJob);

        AutoMergeResult result = activities.autoMergeImported(new AutoMergeRequest(account.toString(), job.toString()));

        assertThat(result).isEqualTo(new AutoMergeResult(2, 3));
        assertThat(jdbc.sql("SELECT id FROM contacts WHERE merged_into = ? ORDER BY id").param(first)
                .query(Long.class).list()).containsExactly(sameEmail, samePhoneAsSecond);
        assertThat(jdbc.sql("SELECT id FROM contacts WHERE merged_into = ?").param(sameAddress1)
                .query(Long.class).list()).containsExactly(sameAddress2);
        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE account_id = ? AND merged_into IS NULL")
                .param(account).query(Long.class).single()).isEqualTo(7);
        assertThat(jdbc.sql("SELECT DISTINCT actor FROM merges WHERE account_id = ?").param(account)
                .query(String.class).list()).containsExactly("import");
        assertThat(jdbc.sql("SELECT count(*) FROM merges WHERE account_id = ? AND jsonb_exists(snapshot, 'moved')").param(account)
                .query(Long.class).single()).isEqualTo(3);

        assertThat(activities.autoMergeImported(new AutoMergeRequest(account.toString(), job.toString())))
                .isEqualTo(new AutoMergeResult(0, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM merges WHERE account_id = ?").param(account)
                .query(Long.class).single()).isEqualTo(3);
    }
}
