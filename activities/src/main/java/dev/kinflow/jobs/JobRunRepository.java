package dev.kinflow.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code job_runs}: the system of record for every workflow Kinflow starts. */
@Repository
public class JobRunRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public JobRunRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a job as running. Fails with a duplicate-key error when the workflow id already has an open run. */
    public void insertRunning(UUID id, UUID accountId, String kind, String workflowId, Map<String, Object> params) {
        jdbc.sql("""
                        INSERT INTO job_runs (id, account_id, kind, workflow_id, status, params)
                        VALUES (?, ?, ?, ?, 'running', ?::jsonb)""")
                .params(id, accountId, kind, workflowId, toJson(params))
                .update();
    }

    public Optional<JobRun> find(UUID id) {
        return jdbc.sql("SELECT * FROM job_runs WHERE id = ?").param(id).query(this::map).optional();
    }

    /** A job visible to one account (another account's job is simply absent). */
    public Optional<JobRun> find(UUID accountId, UUID id) {
        return jdbc.sql("SELECT * FROM job_runs WHERE id = ? AND account_id = ?")
                .params(id, accountId).query(this::map).optional();
    }

    /** The open run of a workflow id, if any. */
    public Optional<JobRun> findRunning(String workflowId) {
        return jdbc.sql("SELECT * FROM job_runs WHERE workflow_id = ? AND status = 'running'")
                .param(workflowId).query(this::map).optional();
    }

    /** Running jobs of one account (null: jobs of every account), oldest first. */
    public List<JobRun> findRunningForAccount(UUID accountId) {
        return jdbc.sql("SELECT * FROM job_runs WHERE status = 'running' AND account_id = ? ORDER BY created_at")
                .param(accountId).query(this::map).list();
    }

    /** Every running job, oldest first, at most {@code limit}. */
    public List<JobRun> findAllRunning(int limit) {
        return jdbc.sql("SELECT * FROM job_runs WHERE status = 'running' ORDER BY created_at LIMIT ?")
                .param(limit).query(this::map).list();
    }

    /**
     * A page of jobs, newest first. {@code accountId} null lists every account (admin); kind and status filter
     * when non-null.
     */
    public List<JobRun> list(UUID accountId, String kind, JobStatus status, int limit, int offset) {
        return list(new JobFilter(accountId, kind, status, null, null), limit, offset);
    }

    public long count(UUID accountId, String kind, JobStatus status) {
        return count(new JobFilter(accountId, kind, status, null, null));
    }

    /** A page of the jobs the filter selects, newest first. */
    public List<JobRun> list(JobFilter filter, int limit, int offset) {
        return jdbc.sql("SELECT * FROM job_runs WHERE " + FILTER + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                .params(filterParams(filter, limit, offset))
                .query(this::map).list();
    }

    public long count(JobFilter filter) {
        return jdbc.sql("SELECT count(*) FROM job_runs WHERE " + FILTER)
                .params(filterParams(filter))
                .query(Long.class).single();
    }

    private static List<Object> filterParams(JobFilter filter, Object... more) {
        String status = filter.status() == null ? null : filter.status().dbValue();
        Timestamp from = filter.from() == null ? null : Timestamp.from(filter.from());
        Timestamp to = filter.to() == null ? null : Timestamp.from(filter.to());
        List<Object> params = new java.util.ArrayList<>(java.util.Arrays.asList(filter.accountId(), filter.accountId(),
                filter.kind(), filter.kind(), status, status, from, from, to, to));
        params.addAll(List.of(more));
        return params;
    }

    private static final String FILTER = """
            (CAST(? AS uuid) IS NULL OR account_id = ?)
            AND (CAST(? AS text) IS NULL OR kind = ?)
            AND (CAST(? AS text) IS NULL OR status = ?)
            AND (CAST(? AS timestamptz) IS NULL OR created_at >= ?)
            AND (CAST(? AS timestamptz) IS NULL OR created_at < ?)""";

    /**
     * Moves a running job to a final status; a job that is already final is left alone, so repeating the call (or a
     * later reconciliation) never overwrites the first outcome. Returns true if this call changed the row.
     */
    public boolean finish(UUID id, JobStatus status, Map<String, Object> progress, Map<String, Object> summary,
                          String error) {
        return finish(id, status, progress, summary, error, null);
    }

    /** Like {@link #finish(UUID, JobStatus, Map, Map, String)}, with the readable error of a failed job. */
    public boolean finishWithError(UUID id, JobStatus status, Map<String, Object> progress,
                                   Map<String, Object> summary, JobError failure) {
        return finish(id, status, progress, summary,
                failure == null ? null : failure.type() + ": " + failure.message(), failure);
    }

    private boolean finish(UUID id, JobStatus status, Map<String, Object> progress, Map<String, Object> summary,
                           String error, JobError failure) {
        return jdbc.sql("""
                        UPDATE job_runs
                        SET status = ?, progress = COALESCE(?::jsonb, progress), summary = COALESCE(?::jsonb, summary),
                            error = ?, error_detail = ?::jsonb, finished_at = now(), updated_at = now()
                        WHERE id = ? AND status = 'running'""")
                .params(status.dbValue(), toJsonOrNull(progress), toJsonOrNull(summary), error,
                        failure == null ? null : json.writeValueAsString(failure), id)
                .update() == 1;
    }

    /** Stores the latest progress of a running job (used by activities that report as they go). */
    public void updateProgress(UUID id, Map<String, Object> progress) {
        jdbc.sql("UPDATE job_runs SET progress = ?::jsonb, updated_at = now() WHERE id = ? AND status = 'running'")
                .params(toJson(progress), id)
                .update();
    }

    /** Merges keys into the summary of a job (any status). */
    public void mergeSummary(UUID id, Map<String, Object> summary) {
        jdbc.sql("""
                        UPDATE job_runs SET summary = COALESCE(summary, '{}'::jsonb) || ?::jsonb, updated_at = now()
                        WHERE id = ?""")
                .params(toJson(summary), id)
                .update();
    }

    private String toJson(Map<String, Object> value) {
        return json.writeValueAsString(value == null ? Map.of() : value);
    }

    private String toJsonOrNull(Map<String, Object> value) {
        return value == null || value.isEmpty() ? null : json.writeValueAsString(value);
    }

    private Map<String, Object> fromJson(String value) {
        return value == null ? null : json.readValue(value, MAP);
    }

    private JobRun map(ResultSet rs, int row) throws SQLException {
        return new JobRun(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("kind"), rs.getString("workflow_id"), JobStatus.fromDb(rs.getString("status")),
                fromJson(rs.getString("params")), fromJson(rs.getString("progress")),
                fromJson(rs.getString("summary")), rs.getString("error"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("finished_at")),
                rs.getString("error_detail") == null ? null
                        : json.readValue(rs.getString("error_detail"), JobError.class));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
