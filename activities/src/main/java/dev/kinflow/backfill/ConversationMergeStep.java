package dev.kinflow.backfill;

import dev.kinflow.conversations.ConversationMerger;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merges open conversations that share an (account, canonical key) into the one with the latest message: the others'
 * messages move to it (none lost; external ids are unique per account, so nothing collides), and they are closed with
 * {@code merged_into} pointing at it. Walks the duplicate groups in (account, key) order; a dry run reads the keys the
 * key step staged instead of the stored ones. Counts: scanned = conversations in duplicate groups, changed = those
 * closed, unchanged = the survivors.
 */
@Component
public class ConversationMergeStep implements BackfillStep {

    public static final String NAME = "merge";
    private static final int SAMPLE = 10;

    private static final String STORED_GROUPS = """
            SELECT account_id, canonical_key,
                   array_agg(id ORDER BY last_message_at DESC NULLS LAST, id DESC) AS ids
            FROM conversations
            WHERE status = 'open' AND canonical_key IS NOT NULL AND (CAST(? AS uuid) IS NULL OR account_id = ?)
              AND (account_id, canonical_key) > (CAST(? AS uuid), ?)
            GROUP BY account_id, canonical_key HAVING count(*) > 1
            ORDER BY account_id, canonical_key LIMIT ?""";

    private static final String STAGED_GROUPS = """
            SELECT s.account_id, s.canonical_key,
                   array_agg(c.id ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC) AS ids
            FROM backfill_conversation_keys s JOIN conversations c ON c.id = s.conversation_id
            WHERE s.backfill_id = ? AND c.status = 'open'
              AND (s.account_id, s.canonical_key) > (CAST(? AS uuid), ?)
            GROUP BY s.account_id, s.canonical_key HAVING count(*) > 1
            ORDER BY s.account_id, s.canonical_key LIMIT ?""";

    /** Smaller than every real (account, key): the start of the walk. */
    private static final String START_ACCOUNT = "00000000-0000-0000-0000-000000000000";

    private final JdbcClient jdbc;
    private final ConversationMerger merger;

    public ConversationMergeStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.merger = new ConversationMerger(jdbc);
    }

    private record Group(UUID accountId, String key, List<Long> ids) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepBatch run(BackfillScope scope, String cursor) {
        String[] after = cursor == null ? new String[] {START_ACCOUNT, ""} : cursor.split(" ", 2);
        List<Group> groups = scope.dryRun()
                ? jdbc.sql(STAGED_GROUPS).params(scope.backfillId(), after[0], after[1], scope.batchSize())
                        .query((rs, row) -> group(rs.getObject(1, UUID.class), rs.getString(2), rs.getArray(3)))
                        .list()
                : jdbc.sql(STORED_GROUPS).params(scope.accountId(), scope.accountId(), after[0], after[1],
                                scope.batchSize())
                        .query((rs, row) -> group(rs.getObject(1, UUID.class), rs.getString(2), rs.getArray(3)))
                        .list();
        if (groups.isEmpty()) {
            return new StepBatch(null, 0, 0, 0, 0, Map.of(), List.of());
        }
        List<Long> duplicates = new ArrayList<>();
        List<Long> survivors = new ArrayList<>();
        List<StepBatch.SampleEntry> sample = new ArrayList<>();
        for (Group group : groups) {
            long survivor = group.ids().getFirst();
            for (long duplicate : group.ids().subList(1, group.ids().size())) {
                duplicates.add(duplicate);
                survivors.add(survivor);
                if (sample.size() < SAMPLE) {
                    sample.add(new StepBatch.SampleEntry("conversations", duplicate, "open",
                            "closed, merged into " + survivor));
                }
            }
        }
        long messages = jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = ANY(?)")
                .param(SqlArrays.longs(duplicates)).query(Long.class).single();
        if (!scope.dryRun()) {
            merger.merge(duplicates, survivors);
        }
        Group last = groups.getLast();
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("groups", (long) groups.size());
        details.put("conversationsClosed", (long) duplicates.size());
        details.put("messagesMoved", messages);
        return new StepBatch(last.accountId() + " " + last.key(), duplicates.size() + groups.size(),
                duplicates.size(), groups.size(), 0, details, sample);
    }

    private static Group group(UUID accountId, String key, Array ids) throws SQLException {
        return new Group(accountId, key, Arrays.asList((Long[]) ids.getArray()));
    }
}
