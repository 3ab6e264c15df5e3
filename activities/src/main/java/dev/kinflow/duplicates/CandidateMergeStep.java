package dev.kinflow.duplicates;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Re-points the merged contact's duplicate candidates to the survivor, or marks one {@code merged} when the survivor
 * already has that pair or the pair is the merged pair itself (so a pending candidate between the two becomes
 * {@code merged}). The snapshot part is every touched candidate row in full.
 */
final class CandidateMergeStep implements MergeStep<List<String>> {

    /** A candidate of the merged contact and its whole row as it was. */
    private record Candidate(long id, long a, long b, String row) {
    }

    private final JdbcClient jdbc;

    CandidateMergeStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> apply(MergePair pair) {
        List<Candidate> candidates = jdbc.sql("""
                        SELECT id, contact_a, contact_b, CAST(to_jsonb(d) AS text) FROM duplicate_candidates d
                        WHERE account_id = :a AND (contact_a = :m OR contact_b = :m) AND status <> 'merged'
                        ORDER BY id""")
                .param("a", pair.accountId()).param("m", pair.mergedId())
                .query((rs, n) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4))).list();
        long survivor = pair.survivorId();
        for (Candidate c : candidates) {
            long other = c.a() == pair.mergedId() ? c.b() : c.a();
            int repointed = other == survivor ? 0 : jdbc.sql("""
                            UPDATE duplicate_candidates SET contact_a = :x, contact_b = :y, updated_at = now()
                            WHERE id = :id AND NOT EXISTS (SELECT 1 FROM duplicate_candidates
                                WHERE account_id = :acc AND contact_a = :x AND contact_b = :y)""")
                    .param("x", Math.min(survivor, other)).param("y", Math.max(survivor, other))
                    .param("id", c.id()).param("acc", pair.accountId()).update();
            if (repointed == 0) {
                jdbc.sql("UPDATE duplicate_candidates SET status = 'merged', updated_at = now() WHERE id = ?")
                        .param(c.id()).update();
            }
        }
        return candidates.stream().map(Candidate::row).toList();
    }

    @Override
    public void undo(MergePair pair, List<String> rows) {
        for (String row : rows) {
            jdbc.sql("""
                            UPDATE duplicate_candidates d SET contact_a = r.contact_a, contact_b = r.contact_b,
                                score = r.score, reasons = r.reasons, status = r.status, updated_at = r.updated_at
                            FROM jsonb_populate_record(NULL::duplicate_candidates, CAST(:row AS jsonb)) r
                            WHERE d.id = r.id""")
                    .param("row", row).update();
        }
    }
}
