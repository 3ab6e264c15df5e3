package dev.kinflow.duplicates;

import dev.kinflow.duplicates.MergeSnapshot.ContactRow;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two contact rows: the survivor keeps its scalar values and gains the ones it lacks ({@link #GAINED}, and the
 * avatar when the merged contact's avatar photo is now also the survivor's by content hash). The snapshot part is
 * both rows as they were, the transaction time and the gained columns. Undo restores the survivor's row when nobody
 * changed it since the merge, else only the gained values still unchanged (a later edit is kept), and restores the
 * merged contact's row (which also clears its {@code merged_into}).
 */
final class ScalarMergeStep implements MergeStep<ScalarMergeStep.Change> {

    /** Scalars the survivor gains from the merged contact when it has none. */
    static final List<String> GAINED = List.of("last_name", "nickname", "company", "job_title", "birthdate");

    /** Every scalar of a contact row that a merge may change and undo restores. */
    private static final List<String> CONTACT_COLUMNS = List.of(
            "first_name", "last_name", "nickname", "company", "job_title", "birthdate", "is_partial", "merged_into",
            "avatar_photo_id", "origin", "created_at", "updated_at");

    /** This step's part of the snapshot. */
    record Change(ContactRow survivor, ContactRow merged, String mergedAt, Map<String, Boolean> gained) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ScalarMergeStep(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Change apply(MergePair pair) {
        ContactRow survivor = row(pair.survivorId());
        ContactRow merged = row(pair.mergedId());
        OffsetDateTime now = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
        Map<String, Boolean> gained = new LinkedHashMap<>();
        for (String column : GAINED) {
            int changed = jdbc.sql("UPDATE contacts s SET " + column + " = m." + column
                            + " FROM contacts m WHERE s.id = :s AND m.id = :m AND m." + column + " IS NOT NULL"
                            + " AND (s." + column + " IS NULL OR CAST(s." + column + " AS text) = '')")
                    .param("s", pair.survivorId()).param("m", pair.mergedId()).update();
            if (changed == 1) {
                gained.put(column, true);
            }
        }
        int avatar = jdbc.sql("""
                        UPDATE contacts s SET avatar_photo_id = p.id
                        FROM contacts m JOIN photos mp ON mp.id = m.avatar_photo_id, photos p
                        WHERE s.id = :s AND m.id = :m AND s.avatar_photo_id IS NULL
                          AND p.contact_id = :s AND p.content_hash = mp.content_hash""")
                .param("s", pair.survivorId()).param("m", pair.mergedId()).update();
        if (avatar == 1) {
            gained.put("avatar_photo_id", true);
        }
        jdbc.sql("UPDATE contacts SET updated_at = now(), origin = CASE WHEN :gained THEN 'merge' ELSE origin END "
                        + "WHERE id = :s")
                .param("gained", !gained.isEmpty()).param("s", pair.survivorId()).update();
        return new Change(survivor, merged, now.toString(), gained);
    }

    @Override
    public void undo(MergePair pair, Change change) {
        boolean untouched = jdbc.sql("SELECT updated_at = ? FROM contacts WHERE id = ?")
                .params(OffsetDateTime.parse(change.mergedAt()), pair.survivorId()).query(Boolean.class).single();
        if (untouched) {
            restore(pair.survivorId(), change.survivor());
        } else {
            for (String column : change.gained().keySet()) {
                String gainedValue = column.equals("avatar_photo_id") ? null : change.merged().text(column);
                jdbc.sql("UPDATE contacts SET " + column + " = CAST(:before AS " + columnType(column)
                                + ") WHERE id = :id"
                                + (gainedValue == null ? "" : " AND CAST(" + column + " AS text) = :gained"))
                        .param("before", change.survivor().text(column))
                        .param("id", pair.survivorId())
                        .param("gained", gainedValue == null ? "" : gainedValue)
                        .update();
            }
        }
        restore(pair.mergedId(), change.merged());
    }

    private ContactRow row(long id) {
        return json.readValue(jdbc.sql("SELECT CAST(to_jsonb(c) - 'name_norm' AS text) FROM contacts c WHERE id = ?")
                .param(id).query(String.class).single(), ContactRow.class);
    }

    private void restore(long id, ContactRow row) {
        StringBuilder set = new StringBuilder();
        for (String column : CONTACT_COLUMNS) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = r.").append(column);
        }
        jdbc.sql("UPDATE contacts c SET " + set + " FROM jsonb_populate_record(NULL::contacts, CAST(:row AS jsonb)) r"
                        + " WHERE c.id = :id")
                .param("row", json.writeValueAsString(row)).param("id", id).update();
    }

    private static String columnType(String column) {
        return switch (column) {
            case "birthdate" -> "date";
            case "avatar_photo_id" -> "bigint";
            default -> "text";
        };
    }
}
