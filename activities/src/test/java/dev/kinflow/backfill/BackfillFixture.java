package dev.kinflow.backfill;

import dev.kinflow.jobs.JobStatus;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** Backfill activities wired by hand on a fresh test database, and helpers to drive and inspect them. */
final class BackfillFixture {

    final DataSource dataSource;
    final JdbcClient jdbc;
    final BackfillRepository runs;
    final BackfillActivitiesImpl activities;

    BackfillFixture() {
        dataSource = TestDatabase.fresh().dataSource();
        jdbc = Jdbc.client(dataSource);
        runs = new BackfillRepository(jdbc, Jdbc.JSON);
        activities = new BackfillActivitiesImpl(runs, List.of(new PhoneE164Step(jdbc), new ConversationKeyStep(jdbc),
                new ConversationMergeStep(jdbc), new ImportRecordOrphanStep(jdbc), new AvatarOrphanStep(jdbc),
                new MergedConversationStep(jdbc)), new UniqueConversationIndex(dataSource), jdbc,
                new JdbcTransactionManager(dataSource));
    }

    UUID newBackfill(UUID accountId, BackfillKind kind, boolean dryRun, int batchSize) {
        UUID id = UUID.randomUUID();
        runs.insert(id, accountId, null, kind, dryRun, batchSize, null);
        return id;
    }

    /** Drives a backfill to its end the way the workflow does; returns the finished row. */
    BackfillRun runToEnd(UUID id) {
        BatchResult position = runs.find(null, id).orElseThrow().position(0);
        while (!position.finished()) {
            BatchRequest request = new BatchRequest(id.toString(), position.step(), position.cursor());
            position = BackfillSteps.UNIQUE_INDEX.equals(position.step())
                    ? activities.buildUniqueIndex(request) : activities.runBatch(request);
        }
        activities.finish(new FinishRequest(id.toString(), JobStatus.COMPLETED));
        return runs.find(null, id).orElseThrow();
    }

    BackfillRun run(UUID accountId, BackfillKind kind, boolean dryRun, int batchSize) {
        return runToEnd(newBackfill(accountId, kind, dryRun, batchSize));
    }

    /** Every row of the tables, as JSON text in id order: equal dumps mean nothing was written. */
    String dump(String... tables) {
        StringBuilder all = new StringBuilder();
        for (String table : tables) {
            all.append(table).append('\n');
            jdbc.sql("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY 1").query(String.class).list()
                    .forEach(row -> all.append(row).append('\n'));
        }
        return all.toString();
    }

    long contact(UUID account, String firstName) {
        return jdbc.sql("INSERT INTO contacts (account_id, first_name) VALUES (?, ?) RETURNING id")
                .params(account, firstName).query(Long.class).single();
    }

    long phone(UUID account, long contact, String value, String raw) {
        return jdbc.sql("""
                        INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value, updated_at)
                        VALUES (?, ?, 'phone', ?, ?, now() - interval '1 day') RETURNING id""")
                .params(account, contact, value, raw).query(Long.class).single();
    }
}
