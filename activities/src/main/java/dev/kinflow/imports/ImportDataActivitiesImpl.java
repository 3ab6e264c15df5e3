package dev.kinflow.imports;

import dev.kinflow.common.TaskQueues;
import dev.kinflow.duplicates.DuplicateScanStarter;
import dev.kinflow.jobs.JobConflictException;
import io.temporal.spring.boot.ActivityImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = TaskQueues.DEFAULT)
public class ImportDataActivitiesImpl implements ImportDataActivities {

    /** Notes the listing already gives per contact ({@code with=contactfields}: the latest 3). */
    static final int LISTED_NOTES = 3;

    private final JdbcClient jdbc;
    private final CredentialStore credentials;
    private final DuplicateScanStarter scans;

    public ImportDataActivitiesImpl(JdbcClient jdbc, CredentialStore credentials, DuplicateScanStarter scans) {
        this.jdbc = jdbc;
        this.credentials = credentials;
        this.scans = scans;
    }

    @Override
    public CoverageRange coverage(ImportJobRef job) {
        return jdbc.sql("""
                        SELECT count(*) AS n, COALESCE(min(monica_id), 0) AS lo, COALESCE(max(monica_id), 0) AS hi
                        FROM import_job_contacts WHERE job_id = ? AND account_id = ? AND via = 'listing'""")
                .params(UUID.fromString(job.jobId()), UUID.fromString(job.accountId()))
                .query((rs, row) -> new CoverageRange(rs.getLong("n"), rs.getLong("lo"), rs.getLong("hi")))
                .single();
    }

    @Override
    public IdBatch unseenIds(IdQuery query) {
        List<Long> ids = jdbc.sql("""
                        SELECT g FROM generate_series(CAST(? AS bigint) + 1, CAST(? AS bigint)) AS g
                        WHERE NOT EXISTS (SELECT 1 FROM import_job_contacts c WHERE c.job_id = ? AND c.monica_id = g)
                        ORDER BY g LIMIT ?""")
                .params(query.afterId(), query.upToId(), UUID.fromString(query.job().jobId()), query.limit())
                .query(Long.class).list();
        return new IdBatch(ids, List.of());
    }

    /**
     * Per imported contact of the job (in Monica id order from {@code afterId}), the extra-data kinds whose statistics
     * count more than {@code received} (an SQL expression over {@code c.monica_id}, {@code k.kind} and {@code
     * k.listed}, the notes the contact listing gives), comma-separated in the order notes, activities, reminders, tasks.
     */
    private IdBatch kindsPerContact(IdQuery query, String received) {
        List<Long> ids = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        jdbc.sql("""
                        SELECT c.monica_id, string_agg(k.kind, ',' ORDER BY k.ord) AS kinds
                        FROM import_job_contacts c
                        CROSS JOIN (VALUES ('notes', 1, :listedNotes), ('activities', 2, 0), ('reminders', 3, 0),
                                           ('tasks', 4, 0)) AS k(kind, ord, listed)
                        WHERE c.job_id = :job AND c.monica_id > :after
                          AND c.outcome IN ('created', 'updated', 'unchanged') AND c.statistics IS NOT NULL
                          AND CAST(c.statistics->>k.kind AS int) > 0
                          AND CAST(c.statistics->>k.kind AS int) > %s
                        GROUP BY c.monica_id ORDER BY c.monica_id LIMIT :limit""".formatted(received))
                .param("job", UUID.fromString(query.job().jobId()))
                .param("after", query.afterId())
                .param("listedNotes", LISTED_NOTES)
                .param("limit", query.limit())
                .query(rs -> {
                    ids.add(rs.getLong("monica_id"));
                    kinds.add(rs.getString("kinds"));
                });
        return new IdBatch(ids, kinds);
    }

    /** Items of one kind this job received for contact {@code c} (listings, the contact listing, its own lists). */
    private static final String RECEIVED = """
            (SELECT count(DISTINCT x.monica_item_id) FROM import_job_extra_items x
             WHERE x.job_id = c.job_id AND x.kind = k.kind AND x.monica_contact_id = c.monica_id)""";

    @Override
    public IdBatch extraDataWork(IdQuery query) {
        return kindsPerContact(query, "k.listed");
    }

    @Override
    public IdBatch extraDataShortfall(IdQuery query) {
        return kindsPerContact(query, RECEIVED);
    }

    @Override
    public ExtraDataCheck extraDataCheck(ImportJobRef job) {
        UUID jobId = UUID.fromString(job.jobId());
        return jdbc.sql("""
                        WITH listed AS (
                            SELECT kind, monica_item_id, bool_or(imported) AS imported FROM import_job_extra_items
                            WHERE job_id = :job AND via = 'listing' GROUP BY kind, monica_item_id
                        ), missing AS (
                            SELECT greatest(0, CAST(c.statistics->>k.kind AS int) - %s) AS n
                            FROM import_job_contacts c
                            CROSS JOIN (VALUES ('notes'), ('activities'), ('reminders'), ('tasks')) AS k(kind)
                            WHERE c.job_id = :job AND c.outcome IN ('created', 'updated', 'unchanged')
                              AND c.statistics IS NOT NULL AND CAST(c.statistics->>k.kind AS int) > 0
                        )
                        SELECT (SELECT count(*) FROM listed) AS listed,
                               (SELECT count(*) FROM listed WHERE NOT imported) AS skipped,
                               (SELECT COALESCE(sum(n), 0) FROM missing) AS missing""".formatted(RECEIVED))
                .param("job", jobId)
                .query((rs, row) -> new ExtraDataCheck(rs.getLong("listed"), rs.getLong("skipped"),
                        rs.getLong("missing")))
                .single();
    }

    @Override
    public IdBatch unresolvedReferences(IdQuery query) {
        ImportJobRef job = query.job();
        List<Long> ids = jdbc.sql("""
                        SELECT DISTINCT r.to_monica_id FROM import_job_references r
                        WHERE r.job_id = ? AND r.to_monica_id > ?
                          AND NOT EXISTS (SELECT 1 FROM import_job_contacts c
                                          WHERE c.job_id = r.job_id AND c.monica_id = r.to_monica_id)
                          AND NOT EXISTS (SELECT 1 FROM import_records ir
                                          WHERE ir.account_id = ? AND ir.source = ? AND ir.source_type = 'contact'
                                            AND ir.source_id = CAST(r.to_monica_id AS text))
                        ORDER BY r.to_monica_id LIMIT ?""")
                .params(UUID.fromString(job.jobId()), query.afterId(), UUID.fromString(job.accountId()),
                        job.source(), query.limit())
                .query(Long.class).list();
        return new IdBatch(ids, List.of());
    }

    /**
     * Links of this job between two imported contacts. Each side is one index probe per reference ({@code OFFSET 0}
     * keeps the planner from turning the probes into a join over every import record of the account, which it does
     * while the tables' statistics are stale, e.g. right after a big first import: quadratic, seconds per 10k).
     */
    private static final String RESOLVED_REFERENCES = """
            SELECT DISTINCT a.contact_id AS from_id, b.contact_id AS to_id, r.type
            FROM import_job_references r
            CROSS JOIN LATERAL (SELECT contact_id FROM import_records
                                WHERE account_id = :account AND source = :source AND source_type = 'contact'
                                  AND source_id = CAST(r.from_monica_id AS text) OFFSET 0) a
            CROSS JOIN LATERAL (SELECT contact_id FROM import_records
                                WHERE account_id = :account AND source = :source AND source_type = 'contact'
                                  AND source_id = CAST(r.to_monica_id AS text) OFFSET 0) b
            WHERE r.job_id = :job AND a.contact_id IS NOT NULL AND b.contact_id IS NOT NULL
              AND a.contact_id <> b.contact_id""";

    @Override
    public long resolveReferences(ImportJobRef job) {
        return jdbc.sql("INSERT INTO relationships (account_id, contact_id, related_contact_id, type) "
                        + "SELECT :account, from_id, to_id, type FROM (" + RESOLVED_REFERENCES + ") x "
                        + "ON CONFLICT DO NOTHING")
                .param("account", UUID.fromString(job.accountId()))
                .param("source", job.source())
                .param("job", UUID.fromString(job.jobId()))
                .update();
    }

    @Override
    public ImportTotals totals(ImportJobRef job) {
        UUID jobId = UUID.fromString(job.jobId());
        UUID account = UUID.fromString(job.accountId());
        Map<String, Long> outcomes = new HashMap<>();
        jdbc.sql("SELECT outcome, count(*) AS n FROM import_job_contacts WHERE job_id = ? GROUP BY outcome")
                .param(jobId).query(rs -> {
                    outcomes.put(rs.getString("outcome"), rs.getLong("n"));
                });
        Map<String, Long> photos = new HashMap<>();
        jdbc.sql("SELECT outcome, count(*) AS n FROM import_photo_outcomes WHERE job_id = ? GROUP BY outcome")
                .param(jobId).query(rs -> {
                    photos.put(rs.getString("outcome"), rs.getLong("n"));
                });
        long relationships = jdbc.sql("SELECT count(*) FROM (" + RESOLVED_REFERENCES + ") x")
                .param("account", account).param("source", job.source()).param("job", jobId)
                .query(Long.class).single();
        long extra = jdbc.sql("""
                        SELECT count(*) FROM import_records
                        WHERE account_id = ? AND job_id = ? AND source_type IN ('note', 'activity', 'reminder', 'task')""")
                .params(account, jobId).query(Long.class).single();
        return new ImportTotals(outcomes.getOrDefault("created", 0L), outcomes.getOrDefault("updated", 0L),
                outcomes.getOrDefault("unchanged", 0L), outcomes.getOrDefault("skipped", 0L),
                outcomes.getOrDefault("partial", 0L), relationships, photos.getOrDefault("synced", 0L),
                photos.getOrDefault("no_data_url", 0L) + photos.getOrDefault("too_large", 0L),
                photos.getOrDefault("not_found", 0L), extra);
    }

    @Override
    public void deleteCredential(ImportJobRef job) {
        credentials.delete(UUID.fromString(job.accountId()), UUID.fromString(job.credentialId()));
    }

    @Override
    public String startDuplicateScan(ImportJobRef job) {
        try {
            return scans.start(UUID.fromString(job.accountId()), false).job().workflowId();
        } catch (JobConflictException resetting) {
            return "skipped: account is being reset";
        }
    }
}
