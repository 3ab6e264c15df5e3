package dev.kinflow.backfill;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Clears {@code contacts.avatar_photo_id} when it names a photo that no longer exists (or that belongs to another
 * contact). Photo bytes themselves cannot be orphaned: every photo row belongs to a contact through a cascading
 * foreign key.
 */
@Component
public class AvatarOrphanStep implements BackfillStep {

    public static final String NAME = "contact-avatars";
    private static final int SAMPLE = 10;

    private static final String DANGLING = """
            NOT EXISTS (SELECT 1 FROM photos p WHERE p.id = c.avatar_photo_id AND p.contact_id = c.id)""";

    private final JdbcClient jdbc;

    public AvatarOrphanStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record AvatarRow(long id, long photoId, boolean dangling) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepBatch run(BackfillScope scope, String cursor) {
        List<AvatarRow> batch = jdbc.sql("SELECT c.id, c.avatar_photo_id, " + DANGLING + """
                         AS dangling
                        FROM contacts c
                        WHERE c.avatar_photo_id IS NOT NULL AND c.id > ?
                          AND (CAST(? AS uuid) IS NULL OR c.account_id = ?)
                        ORDER BY c.id LIMIT ?""")
                .params(SqlArrays.idAfter(cursor), scope.accountId(), scope.accountId(), scope.batchSize())
                .query((rs, row) -> new AvatarRow(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)))
                .list();
        if (batch.isEmpty()) {
            return new StepBatch(null, 0, 0, 0, 0, Map.of(), List.of());
        }
        List<AvatarRow> dangling = batch.stream().filter(AvatarRow::dangling).toList();
        if (!scope.dryRun() && !dangling.isEmpty()) {
            jdbc.sql("UPDATE contacts c SET avatar_photo_id = NULL, updated_at = now() WHERE c.id = ANY(?) AND "
                            + DANGLING)
                    .param(SqlArrays.longs(dangling.stream().map(AvatarRow::id).toList())).update();
        }
        List<StepBatch.SampleEntry> sample = dangling.stream().limit(SAMPLE)
                .map(row -> new StepBatch.SampleEntry("contacts", row.id(), "avatar photo " + row.photoId(), "none"))
                .toList();
        return new StepBatch(Long.toString(batch.getLast().id()), batch.size(), dangling.size(),
                batch.size() - dangling.size(), 0, Map.of("avatarsCleared", (long) dangling.size()), sample);
    }
}
