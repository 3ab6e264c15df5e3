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

    @Override
    public IdBatch extraDataWork(IdQuery query) {
        List<Long> ids = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        jdbc.sql("""
                        SELECT monica_id, statistics FROM import_job_contacts
                        WHERE job_id = ? AND monica_id > ? AND outcome IN ('created', 'updated', 'unchanged')
                          AND statistics IS NOT NULL
                          AND (CAST(statistics->>'notes' AS int) > ? OR CAST(statistics->>'activities' AS int) > 0
                               OR CAST(statistics->>'reminders' AS int) > 0 OR CAST(statistics->>'tasks' AS int) > 0)
                        ORDER BY monica_id LIMIT ?""")
                .params(UUID.fromString(query.job().jobId()), query.afterId(), LISTED_NOTES, query.limit())
                .query(rs -> {
                    ids.add(rs.getLong("monica_id"));
                    String stats = rs.getString("statistics");
                    List<String> wanted = new ArrayList<>();
                    Map<String, Integer> counts = parseCounts(stats);
                    if (counts.getOrDefault("notes", 0) > LISTED_NOTES) {
                        wanted.add("notes");
                    }
                    for (String kind : List.of("activities", "reminders", "tasks")) {
                        if (counts.getOrDefault(kind, 0) > 0) {
                            wanted.add(kind);
                        }
                    }
                    kinds.add(String.join(",", wanted));
                });
        return new IdBatch(ids, kinds);
    }

    private static Map<String, Integer> parseCounts(String json) {
        Map<String, Integer> counts = new HashMap<>();
        for (String part : json.replaceAll("[{}\" ]", "").split(",")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                counts.put(part.substring(0, colon), Integer.parseInt(part.substring(colon + 1)));
            }
        }
        return counts;
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
