package dev.kinflow.reset;

import dev.kinflow.common.Tokens;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the account reset. Table and column names come from {@link ResetRegistry} (checked identifiers), values
 * are always bound parameters. Every statement runs in its own short transaction: a chunk deletes at most a bounded
 * number of rows, picked through the account index and deleted by physical row id (a TID scan), so locks are held
 * only for the rows of one chunk.
 */
@Repository
public class ResetRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ResetRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Deletes up to {@code limit} of the account's rows of a table and adds their count to the reset job's tally in
     * the same statement (so a crash either keeps both or neither). Returns the rows deleted.
     */
    public long deleteChunk(UUID jobId, UUID accountId, String table, int limit) {
        return deleteChunk(jobId, accountId, table, limit, Slice.ALL);
    }

    /** One of {@code count} disjoint parts of a table's rows ({@code id % count = index}); {@link #ALL}: every row. */
    public record Slice(int count, int index) {
        public static final Slice ALL = new Slice(1, 0);

        String predicate() {
            return count == 1 ? "" : " AND id % " + count + " = " + index;
        }
    }

    /** {@link #deleteChunk(UUID, UUID, String, int)} restricted to one slice of the table. */
    public long deleteChunk(UUID jobId, UUID accountId, String table, int limit, Slice slice) {
        return jdbc.sql("""
                        WITH gone AS (
                            DELETE FROM %1$s
                            WHERE ctid = ANY (ARRAY(SELECT ctid FROM %1$s WHERE account_id = ?%2$s LIMIT ?))
                            RETURNING 1),
                        n AS (SELECT count(*) AS deleted FROM gone),
                        tally AS (
                            INSERT INTO reset_deletions (job_id, table_name, deleted)
                            SELECT ?, ?, deleted FROM n
                            ON CONFLICT (job_id, table_name) DO UPDATE
                                SET deleted = reset_deletions.deleted + excluded.deleted, updated_at = now())
                        SELECT deleted FROM n""".formatted(table, slice.predicate()))
                .params(accountId, limit, jobId, table)
                .query(Long.class).single();
    }

    /** Sets a self-reference column to null on up to {@code limit} of the account's rows; returns the rows changed. */
    public int detachChunk(UUID accountId, String table, String column, int limit) {
        return jdbc.sql("""
                        UPDATE %1$s SET %2$s = NULL
                        WHERE ctid = ANY (ARRAY(SELECT ctid FROM %1$s WHERE account_id = ? AND %2$s IS NOT NULL
                                                LIMIT ?))""".formatted(table, column))
                .params(accountId, limit)
                .update();
    }

    public boolean hasRows(UUID accountId, String table, Slice slice) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM %s WHERE account_id = ?%s)".formatted(table, slice.predicate()))
                .param(accountId).query(Boolean.class).single();
    }

    /** Rows the reset job deleted so far, per table (tables it has not touched yet count 0). */
    public Map<String, Long> deletedBy(UUID jobId, Collection<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach(t -> counts.put(t, 0L));
        jdbc.sql("SELECT table_name, deleted FROM reset_deletions WHERE job_id = ?")
                .param(jobId)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .forEach(e -> {
                    if (counts.containsKey(e.getKey())) {
                        counts.put(e.getKey(), e.getValue());
                    }
                });
        return counts;
    }

    /** What {@link #finish} changed. */
    public record Finished(boolean audited, boolean activated) {
    }

    /**
     * Writes the reset's audit entry (once per reset job) and moves the account from {@code resetting} back to
     * {@code active}, in one statement.
     */
    public Finished finish(UUID accountId, String actor, Map<String, Object> details) {
        return jdbc.sql("""
                        WITH audit AS (
                            INSERT INTO audit_logs (account_id, actor, action, details)
                            VALUES (?, ?, 'account.reset', ?::jsonb)
                            ON CONFLICT ((details ->> 'jobId')) WHERE action = 'account.reset' DO NOTHING
                            RETURNING 1),
                        reopened AS (
                            UPDATE accounts SET status = 'active', updated_at = now()
                            WHERE id = ? AND status = 'resetting'
                            RETURNING 1)
                        SELECT (SELECT count(*) FROM audit) AS audited, (SELECT count(*) FROM reopened) AS activated""")
                .params(accountId, actor, json.writeValueAsString(details), accountId)
                .query((rs, row) -> new Finished(rs.getLong("audited") > 0, rs.getLong("activated") > 0))
                .single();
    }

    /** The id of the (non-revoked) API key, to name who reset an account without storing the key. */
    public Optional<Long> apiKeyId(UUID accountId, String apiKey) {
        return jdbc.sql("SELECT id FROM api_keys WHERE key_hash = ? AND account_id = ? AND revoked_at IS NULL")
                .params(Tokens.hash(apiKey), accountId)
                .query(Long.class).optional();
    }
}
