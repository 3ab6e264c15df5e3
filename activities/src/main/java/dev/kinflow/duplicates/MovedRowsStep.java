package dev.kinflow.duplicates;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves the merged contact's rows of one table to the survivor. With an equality key, a row moves only when the
 * survivor has no equal row (and of several equal rows of the merged contact, only the first), so the survivor never
 * holds a duplicate email, phone, address or photo (and {@code unique(contact_id, content_hash)} holds); without
 * one, every row moves. The snapshot part is the moved ids.
 */
final class MovedRowsStep implements MergeStep<List<Long>> {

    /** Notes, activities, reminders, tasks and import records: every row moves. */
    static MovedRowsStep whole(JdbcClient jdbc, String table) {
        return new MovedRowsStep(jdbc, table, null);
    }

    /** Rows move unless equal by {@code key}, an SQL expression over an alias given as {@code %1$s}. */
    static MovedRowsStep unlessEqual(JdbcClient jdbc, String table, String key) {
        return new MovedRowsStep(jdbc, table, key);
    }

    private final JdbcClient jdbc;
    private final String table;
    private final String key;

    private MovedRowsStep(JdbcClient jdbc, String table, String key) {
        this.jdbc = jdbc;
        this.table = table;
        this.key = key;
    }

    String table() {
        return table;
    }

    @Override
    public List<Long> apply(MergePair pair) {
        String sql;
        if (key == null) {
            sql = "UPDATE " + table + " SET contact_id = :s WHERE account_id = :a AND contact_id = :m RETURNING id";
        } else {
            String mergedKey = key.formatted("m");
            sql = "UPDATE " + table + " SET contact_id = :s WHERE id IN ("
                    + " SELECT DISTINCT ON (" + mergedKey + ") m.id FROM " + table + " m"
                    + " WHERE m.account_id = :a AND m.contact_id = :m AND NOT EXISTS ("
                    + "  SELECT 1 FROM " + table + " s WHERE s.contact_id = :s"
                    + "  AND " + key.formatted("s") + " = " + mergedKey + ")"
                    + " ORDER BY " + mergedKey + ", m.id) RETURNING id";
        }
        return jdbc.sql(sql).param("s", pair.survivorId()).param("m", pair.mergedId()).param("a", pair.accountId())
                .query(Long.class).list();
    }

    @Override
    public void undo(MergePair pair, List<Long> moved) {
        jdbc.sql("UPDATE " + table + " SET contact_id = :m WHERE contact_id = :s AND id = ANY(CAST(:ids AS bigint[]))")
                .param("m", pair.mergedId()).param("s", pair.survivorId()).param("ids", MergeService.pgArray(moved))
                .update();
    }
}
