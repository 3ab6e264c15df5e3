package dev.kinflow.duplicates;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every row of every table that belongs to some contacts, as sorted JSON text, to compare states exactly. */
final class ContactDump {

    private static final List<String> BY_CONTACT = List.of("contact_fields", "addresses", "contact_tags", "notes",
            "contact_activities", "reminders", "tasks", "conversations", "import_records");

    private ContactDump() {
    }

    static List<String> of(JdbcClient jdbc, long... ids) {
        String array = MergeService.pgArray(java.util.Arrays.stream(ids).boxed().toList());
        List<String> rows = new ArrayList<>();
        rows.addAll(query(jdbc, "SELECT CAST(to_jsonb(t) AS text) FROM contacts t WHERE id = ANY(CAST(? AS bigint[]))",
                array));
        for (String table : BY_CONTACT) {
            rows.addAll(query(jdbc, "SELECT '" + table + "' || CAST(to_jsonb(t) AS text) FROM " + table
                    + " t WHERE contact_id = ANY(CAST(? AS bigint[]))", array));
        }
        rows.addAll(query(jdbc, "SELECT 'photos' || CAST(to_jsonb(t) - 'bytes' AS text) || md5(t.bytes) FROM photos t "
                + "WHERE contact_id = ANY(CAST(? AS bigint[]))", array));
        rows.addAll(query(jdbc, "SELECT 'relationships' || CAST(to_jsonb(t) AS text) FROM relationships t "
                + "WHERE contact_id = ANY(CAST(? AS bigint[])) OR related_contact_id = ANY(CAST(? AS bigint[]))",
                array, array));
        rows.addAll(query(jdbc, "SELECT 'candidates' || CAST(to_jsonb(t) AS text) FROM duplicate_candidates t "
                + "WHERE contact_a = ANY(CAST(? AS bigint[])) OR contact_b = ANY(CAST(? AS bigint[]))", array, array));
        rows.sort(null);
        return rows;
    }

    private static List<String> query(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(String.class).list();
    }
}
