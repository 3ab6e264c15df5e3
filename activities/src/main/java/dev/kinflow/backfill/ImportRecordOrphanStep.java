package dev.kinflow.backfill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes import records that point at nothing: their contact is gone ({@code contact_id} set to null by the foreign
 * key) or the Kinflow row they name ({@code target_id}, by source type) no longer exists. The delete re-checks the
 * condition, so a record re-linked meanwhile is kept.
 */
@Component
public class ImportRecordOrphanStep implements BackfillStep {

    public static final String NAME = "import-records";
    private static final int SAMPLE = 10;

    private static final String ORPHAN = """
            (r.contact_id IS NULL OR (r.target_id IS NOT NULL AND NOT CASE r.source_type
                WHEN 'contact' THEN EXISTS (SELECT 1 FROM contacts t WHERE t.id = r.target_id)
                WHEN 'contact_field' THEN EXISTS (SELECT 1 FROM contact_fields t WHERE t.id = r.target_id)
                WHEN 'address' THEN EXISTS (SELECT 1 FROM addresses t WHERE t.id = r.target_id)
                WHEN 'note' THEN EXISTS (SELECT 1 FROM notes t WHERE t.id = r.target_id)
                WHEN 'photo' THEN EXISTS (SELECT 1 FROM photos t WHERE t.id = r.target_id)
                WHEN 'activity' THEN EXISTS (SELECT 1 FROM contact_activities t WHERE t.id = r.target_id)
                WHEN 'reminder' THEN EXISTS (SELECT 1 FROM reminders t WHERE t.id = r.target_id)
                WHEN 'task' THEN EXISTS (SELECT 1 FROM tasks t WHERE t.id = r.target_id)
                WHEN 'relationship' THEN EXISTS (SELECT 1 FROM relationships t WHERE t.id = r.target_id)
                ELSE true END))""";

    private final JdbcClient jdbc;

    public ImportRecordOrphanStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record RecordRow(long id, String sourceType, Long contactId, boolean orphan) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepBatch run(BackfillScope scope, String cursor) {
        List<RecordRow> batch = jdbc.sql("SELECT r.id, r.source_type, r.contact_id, " + ORPHAN + """
                         AS orphan
                        FROM import_records r
                        WHERE r.id > ? AND (CAST(? AS uuid) IS NULL OR r.account_id = ?)
                        ORDER BY r.id LIMIT ?""")
                .params(SqlArrays.idAfter(cursor), scope.accountId(), scope.accountId(), scope.batchSize())
                .query((rs, row) -> new RecordRow(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getBoolean(4)))
                .list();
        if (batch.isEmpty()) {
            return new StepBatch(null, 0, 0, 0, 0, Map.of(), List.of());
        }
        List<Long> orphans = new ArrayList<>();
        List<StepBatch.SampleEntry> sample = new ArrayList<>();
        for (RecordRow row : batch) {
            if (row.orphan()) {
                orphans.add(row.id());
                if (sample.size() < SAMPLE) {
                    sample.add(new StepBatch.SampleEntry("import_records", row.id(),
                            row.sourceType() + (row.contactId() == null ? " without contact" : " without target"),
                            "(deleted)"));
                }
            }
        }
        if (!scope.dryRun() && !orphans.isEmpty()) {
            jdbc.sql("DELETE FROM import_records r WHERE r.id = ANY(?) AND " + ORPHAN)
                    .param(SqlArrays.longs(orphans)).update();
        }
        return new StepBatch(Long.toString(batch.getLast().id()), batch.size(), orphans.size(),
                batch.size() - orphans.size(), 0, Map.of("deleted", (long) orphans.size()), sample);
    }
}
