package dev.kinflow.duplicates;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The {@code merges} rows, the row locks a merge takes on its two contacts, and the merge audit entries. */
final class MergeRepository {

    /** A {@code merges} row, its snapshot decoded. */
    record MergeRow(long id, long survivorId, long mergedId, String status, MergeSnapshot snapshot) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MergeRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Locks both contacts of the account (id order); returns each one's {@code merged_into} (absent: not found). */
    Map<Long, Long> lockContacts(UUID account, long first, long second) {
        Map<Long, Long> mergedInto = new LinkedHashMap<>();
        jdbc.sql("SELECT id, merged_into FROM contacts WHERE account_id = ? AND id IN (?, ?) ORDER BY id FOR UPDATE")
                .params(account, first, second)
                .query((RowCallbackHandler) rs -> mergedInto.put(rs.getLong("id"),
                        rs.getObject("merged_into", Long.class)));
        return mergedInto;
    }

    long appliedMerge(UUID account, long survivor, long merged) {
        return jdbc.sql("SELECT id FROM merges WHERE account_id = ? AND merged_id = ? AND survivor_id = ? "
                        + "AND status = 'applied'")
                .params(account, merged, survivor).query(Long.class).single();
    }

    /** The pending or dismissed candidate pair of the two contacts, if any. */
    Optional<Long> candidateBetween(UUID account, long x, long y) {
        return jdbc.sql("""
                        SELECT id FROM duplicate_candidates
                        WHERE account_id = ? AND contact_a = ? AND contact_b = ? AND status <> 'merged'""")
                .params(account, Math.min(x, y), Math.max(x, y)).query(Long.class).optional();
    }

    void markMerged(long mergedId, long survivorId) {
        jdbc.sql("UPDATE contacts SET merged_into = ?, updated_at = now() WHERE id = ?").params(survivorId, mergedId)
                .update();
    }

    long insert(MergePair pair, Long candidateId, String actor, MergeSnapshot snapshot) {
        return jdbc.sql("""
                        INSERT INTO merges (account_id, survivor_id, merged_id, candidate_id, actor, snapshot)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb)) RETURNING id""")
                .params(pair.accountId(), pair.survivorId(), pair.mergedId(), candidateId, actor,
                        json.writeValueAsString(snapshot))
                .query(Long.class).single();
    }

    /** The account's merge, locked for the undo. */
    Optional<MergeRow> lockMerge(UUID account, long mergeId) {
        return jdbc.sql("""
                        SELECT id, survivor_id, merged_id, status, CAST(snapshot AS text) AS snapshot FROM merges
                        WHERE account_id = ? AND id = ? FOR UPDATE""")
                .params(account, mergeId)
                .query((rs, row) -> new MergeRow(rs.getLong("id"), rs.getLong("survivor_id"),
                        rs.getLong("merged_id"), rs.getString("status"),
                        json.readValue(rs.getString("snapshot"), MergeSnapshot.class)))
                .optional();
    }

    void markUndone(long mergeId) {
        jdbc.sql("UPDATE merges SET status = 'undone', undone_at = now() WHERE id = ?").param(mergeId).update();
    }

    void audit(MergePair pair, String actor, String action, long mergeId) {
        jdbc.sql("INSERT INTO audit_logs (account_id, actor, action, details) VALUES (?, ?, ?, CAST(? AS jsonb))")
                .params(pair.accountId(), actor, action, json.writeValueAsString(Map.of("mergeId", mergeId,
                        "survivorId", pair.survivorId(), "mergedId", pair.mergedId())))
                .update();
    }
}
