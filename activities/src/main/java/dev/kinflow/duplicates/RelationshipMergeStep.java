package dev.kinflow.duplicates;

import dev.kinflow.duplicates.MergeSnapshot.RelationshipChanges;
import dev.kinflow.duplicates.MergeSnapshot.Repointed;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Re-points the merged contact's relationships (either end) to the survivor, or removes one when re-pointing would
 * make a self-relationship or a duplicate. The snapshot part is the old ends of re-pointed rows and every removed row
 * in full.
 */
final class RelationshipMergeStep implements MergeStep<RelationshipChanges> {

    private record Row(long id, long from, long to, String type) {
    }

    private final JdbcClient jdbc;

    RelationshipMergeStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RelationshipChanges apply(MergePair pair) {
        List<Repointed> repointed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Row> rows = jdbc.sql("""
                        SELECT id, contact_id, related_contact_id, type FROM relationships
                        WHERE account_id = :a AND (contact_id = :m OR related_contact_id = :m) ORDER BY id""")
                .param("a", pair.accountId()).param("m", pair.mergedId())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4))).list();
        for (Row row : rows) {
            long newFrom = row.from() == pair.mergedId() ? pair.survivorId() : row.from();
            long newTo = row.to() == pair.mergedId() ? pair.survivorId() : row.to();
            int updated = newFrom == newTo ? 0 : jdbc.sql("""
                            UPDATE relationships SET contact_id = :f, related_contact_id = :t WHERE id = :id
                            AND NOT EXISTS (SELECT 1 FROM relationships
                                            WHERE contact_id = :f AND related_contact_id = :t AND type = :type)""")
                    .param("f", newFrom).param("t", newTo).param("id", row.id()).param("type", row.type()).update();
            if (updated == 1) {
                repointed.add(new Repointed(row.id(), row.from(), row.to()));
            } else {
                removed.add(jdbc.sql("DELETE FROM relationships r WHERE id = ? RETURNING CAST(to_jsonb(r) AS text)")
                        .param(row.id()).query(String.class).single());
            }
        }
        return new RelationshipChanges(repointed, removed);
    }

    @Override
    public void undo(MergePair pair, RelationshipChanges changes) {
        for (Repointed row : changes.repointed()) {
            jdbc.sql("UPDATE relationships SET contact_id = ?, related_contact_id = ? WHERE id = ?")
                    .params(row.contactId(), row.relatedContactId(), row.id()).update();
        }
        for (String row : changes.removed()) {
            jdbc.sql("""
                            INSERT INTO relationships SELECT * FROM jsonb_populate_record(NULL::relationships,
                                                                                          CAST(? AS jsonb))
                            ON CONFLICT DO NOTHING""")
                    .param(row).update();
        }
    }
}
