package dev.kinflow.backfill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Repairs conversations merged into another ({@code merged_into} set) that were left inconsistent: still open, or
 * still holding messages. Their messages move to the end of the {@code merged_into} chain and they are closed.
 */
@Component
public class MergedConversationStep implements BackfillStep {

    public static final String NAME = "merged-conversations";
    private static final int SAMPLE = 10;

    private final JdbcClient jdbc;

    public MergedConversationStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record MergedRow(long id, boolean open, long root, long messages) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepBatch run(BackfillScope scope, String cursor) {
        List<MergedRow> batch = jdbc.sql("""
                        WITH RECURSIVE batch AS (
                            SELECT id, merged_into, status FROM conversations
                            WHERE merged_into IS NOT NULL AND id > ? AND (CAST(? AS uuid) IS NULL OR account_id = ?)
                            ORDER BY id LIMIT ?
                        ), chain (id, target, depth) AS (
                            SELECT id, merged_into, 1 FROM batch
                            UNION ALL
                            SELECT chain.id, c.merged_into, chain.depth + 1
                            FROM chain JOIN conversations c ON c.id = chain.target
                            WHERE c.merged_into IS NOT NULL AND c.merged_into <> chain.id AND chain.depth < 100
                        )
                        SELECT b.id, b.status = 'open',
                               (SELECT target FROM chain WHERE chain.id = b.id ORDER BY depth DESC LIMIT 1),
                               (SELECT count(*) FROM messages m WHERE m.conversation_id = b.id)
                        FROM batch b ORDER BY b.id""")
                .params(SqlArrays.idAfter(cursor), scope.accountId(), scope.accountId(), scope.batchSize())
                .query((rs, row) -> new MergedRow(rs.getLong(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4)))
                .list();
        if (batch.isEmpty()) {
            return new StepBatch(null, 0, 0, 0, 0, Map.of(), List.of());
        }
        List<Long> ids = new ArrayList<>();
        List<Long> roots = new ArrayList<>();
        List<StepBatch.SampleEntry> sample = new ArrayList<>();
        long closed = 0;
        long moved = 0;
        for (MergedRow row : batch) {
            if (row.open() || row.messages() > 0) {
                ids.add(row.id());
                roots.add(row.root());
                closed += row.open() ? 1 : 0;
                moved += row.messages();
                if (sample.size() < SAMPLE) {
                    sample.add(new StepBatch.SampleEntry("conversations", row.id(),
                            (row.open() ? "open" : "closed") + ", " + row.messages() + " messages",
                            "closed, messages in " + row.root()));
                }
            }
        }
        if (!scope.dryRun() && !ids.isEmpty()) {
            jdbc.sql("""
                            UPDATE messages m SET conversation_id = v.root
                            FROM unnest(?::bigint[], ?::bigint[]) AS v(id, root) WHERE m.conversation_id = v.id""")
                    .params(SqlArrays.longs(ids), SqlArrays.longs(roots)).update();
            jdbc.sql("""
                            UPDATE conversations SET status = 'closed', updated_at = now()
                            WHERE id = ANY(?) AND status = 'open'""")
                    .param(SqlArrays.longs(ids)).update();
        }
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("conversationsClosed", closed);
        details.put("messagesMoved", moved);
        return new StepBatch(Long.toString(batch.getLast().id()), batch.size(), ids.size(), batch.size() - ids.size(),
                0, details, sample);
    }
}
