package dev.kinflow.duplicates;

import dev.kinflow.conversations.ConversationKeys;
import dev.kinflow.duplicates.MergeSnapshot.ConversationBefore;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves the merged contact's conversations to the survivor's canonical key. The survivor's open conversation (or,
 * when it has none, the merged contact's most recent open one) stays open; every other open one is closed into it
 * ({@code merged_into}), so the unique open-key index holds and one person keeps one open conversation. The snapshot
 * part is each moved conversation as it was.
 */
final class ConversationMoveStep implements MergeStep<List<ConversationBefore>> {

    private final JdbcClient jdbc;

    ConversationMoveStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ConversationBefore> apply(MergePair pair) {
        String key = ConversationKeys.forContact(pair.accountId(), pair.survivorId());
        List<ConversationBefore> before = jdbc.sql("""
                        SELECT id, canonical_key, status, merged_into FROM conversations
                        WHERE account_id = :a AND contact_id = :m
                        ORDER BY last_message_at DESC NULLS LAST, id DESC FOR UPDATE""")
                .param("a", pair.accountId()).param("m", pair.mergedId())
                .query((rs, row) -> new ConversationBefore(rs.getLong("id"), rs.getString("canonical_key"),
                        rs.getString("status"), rs.getObject("merged_into", Long.class)))
                .list();
        Long open = jdbc.sql("SELECT id FROM conversations WHERE account_id = ? AND canonical_key = ? "
                        + "AND status = 'open' ORDER BY id LIMIT 1")
                .params(pair.accountId(), key).query(Long.class).optional().orElse(null);
        for (ConversationBefore row : before) {
            boolean closeIt = "open".equals(row.status()) && open != null;
            jdbc.sql("""
                            UPDATE conversations SET contact_id = :s, canonical_key = :k,
                                status = CASE WHEN :close THEN 'closed' ELSE status END,
                                merged_into = CASE WHEN :close THEN :into ELSE merged_into END
                            WHERE id = :id""")
                    .param("s", pair.survivorId()).param("k", key).param("close", closeIt).param("into", open)
                    .param("id", row.id()).update();
            if (open == null && "open".equals(row.status())) {
                open = row.id();
            }
        }
        return before;
    }

    @Override
    public void undo(MergePair pair, List<ConversationBefore> before) {
        for (ConversationBefore row : before == null ? List.<ConversationBefore>of() : before) {
            jdbc.sql("""
                            UPDATE conversations SET contact_id = :m, canonical_key = :k, status = :status,
                                merged_into = :into
                            WHERE id = :id""")
                    .param("m", pair.mergedId()).param("k", row.canonicalKey()).param("status", row.status())
                    .param("into", row.mergedInto()).param("id", row.id()).update();
        }
    }
}
