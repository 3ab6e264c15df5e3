package dev.kinflow.backfill;

import io.temporal.failure.ApplicationFailure;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code backfill_runs}: each backfill's definition, position (step + cursor), counts and report. */
@Repository
public class BackfillRepository {

    /** Before → after entries kept per step in the report. */
    static final int SAMPLE_PER_STEP = 10;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public BackfillRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(UUID id, UUID accountId, UUID jobId, BackfillKind kind, boolean dryRun, int batchSize,
                       Integer maxRowsPerSecond) {
        jdbc.sql("""
                        INSERT INTO backfill_runs (id, account_id, job_id, kind, dry_run, batch_size,
                                                   max_rows_per_second, step)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, jobId, kind.wireName(), dryRun, batchSize, maxRowsPerSecond, kind.firstStep())
                .update();
    }

    /** A backfill of one account; {@code accountId} null finds any backfill (admin). */
    public Optional<BackfillRun> find(UUID accountId, UUID id) {
        return jdbc.sql("SELECT * FROM backfill_runs WHERE id = ? AND (CAST(? AS uuid) IS NULL OR account_id = ?)")
                .params(id, accountId, accountId).query(this::map).optional();
    }

    /** The row locked for the rest of the current transaction: batches of one backfill never interleave. */
    public BackfillRun lock(UUID id) {
        return jdbc.sql("SELECT * FROM backfill_runs WHERE id = ? FOR UPDATE").param(id).query(this::map).optional()
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("backfill " + id + " does not exist",
                        "UnknownBackfill"));
    }

    /** Moves a locked run past a batch: new position, added counts, merged report. */
    public BackfillRun advance(BackfillRun run, String step, String cursor, StepBatch batch) {
        Map<String, Object> report = withBatch(run.report(), run.step(), batch);
        jdbc.sql("""
                        UPDATE backfill_runs
                        SET step = ?, cursor = ?, batches = batches + 1, scanned = scanned + ?, changed = changed + ?,
                            unchanged = unchanged + ?, failed = failed + ?, report = ?::jsonb, updated_at = now()
                        WHERE id = ?""")
                .params(step, cursor, batch.scanned(), batch.changed(), batch.unchanged(), batch.failed(),
                        json.writeValueAsString(report), run.id())
                .update();
        return lock(run.id());
    }

    /** Records a note about a step in the report (e.g. why the unique index was not built). */
    public Map<String, Object> withNote(Map<String, Object> report, String step, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(report);
        Map<String, Object> steps = new LinkedHashMap<>(mapAt(copy, "steps"));
        Map<String, Object> entry = new LinkedHashMap<>(mapAt(steps, step));
        entry.put(key, value);
        steps.put(step, entry);
        copy.put("steps", steps);
        return copy;
    }

    public void saveReport(UUID id, Map<String, Object> report) {
        jdbc.sql("UPDATE backfill_runs SET report = ?::jsonb, updated_at = now() WHERE id = ?")
                .params(json.writeValueAsString(report), id).update();
    }

    /** {@code running} → {@code paused} or back; true when this call changed it. */
    public boolean transition(UUID id, String from, String to) {
        return jdbc.sql("UPDATE backfill_runs SET status = ?, updated_at = now() WHERE id = ? AND status = ?")
                .params(to, id, from).update() == 1;
    }

    /** Moves a running or paused backfill to a final status; a final one is left alone. */
    public boolean finish(UUID id, String status) {
        return jdbc.sql("""
                        UPDATE backfill_runs SET status = ?, finished_at = now(), updated_at = now()
                        WHERE id = ? AND status IN ('running', 'paused')""")
                .params(status, id).update() == 1;
    }

    /** The backfills a job drives (one for an account backfill; an admin backfill's run has a null account). */
    public List<UUID> idsOfJob(UUID jobId) {
        return jdbc.sql("SELECT id FROM backfill_runs WHERE job_id = ?").param(jobId).query(UUID.class).list();
    }

    public void dropWorkingRows(UUID id) {
        jdbc.sql("DELETE FROM backfill_conversation_keys WHERE backfill_id = ?").param(id).update();
    }

    private Map<String, Object> withBatch(Map<String, Object> report, String step, StepBatch batch) {
        Map<String, Object> copy = new LinkedHashMap<>(report);
        Map<String, Object> steps = new LinkedHashMap<>(mapAt(copy, "steps"));
        Map<String, Object> counts = new LinkedHashMap<>(mapAt(steps, step));
        add(counts, "scanned", batch.scanned());
        add(counts, "changed", batch.changed());
        add(counts, "unchanged", batch.unchanged());
        add(counts, "failed", batch.failed());
        batch.details().forEach((key, value) -> add(counts, key, value));
        steps.put(step, counts);
        copy.put("steps", steps);

        List<Object> sample = new ArrayList<>(listAt(copy, "sample"));
        long already = sample.stream().filter(e -> e instanceof Map<?, ?> m && step.equals(m.get("step"))).count();
        batch.sample().stream().limit(Math.max(0, SAMPLE_PER_STEP - already)).forEach(entry -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("step", step);
            item.put("table", entry.table());
            item.put("id", entry.id());
            item.put("before", entry.before());
            item.put("after", entry.after());
            sample.add(item);
        });
        copy.put("sample", sample);
        return copy;
    }

    private static void add(Map<String, Object> counts, String key, long value) {
        counts.merge(key, value, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Map<String, Object> map, String key) {
        return map.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listAt(Map<String, Object> map, String key) {
        return map.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private BackfillRun map(ResultSet rs, int row) throws SQLException {
        return new BackfillRun(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getObject("job_id", UUID.class), rs.getString("kind"), rs.getBoolean("dry_run"),
                rs.getInt("batch_size"), rs.getObject("max_rows_per_second", Integer.class), rs.getString("status"),
                rs.getString("step"), rs.getString("cursor"), rs.getLong("batches"), rs.getLong("scanned"),
                rs.getLong("changed"), rs.getLong("unchanged"), rs.getLong("failed"),
                json.readValue(rs.getString("report"), MAP), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
