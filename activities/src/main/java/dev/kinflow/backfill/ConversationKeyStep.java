package dev.kinflow.backfill;

import dev.kinflow.conversations.ConversationKeys;
import dev.kinflow.conversations.PeerIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives every conversation its canonical key: {@code contact:{account}:{contact}} when linked to a contact, else
 * {@code phone:{account}:{E.164}} from its handle (a WhatsApp JID or a phone in any format), else the opaque-id key of
 * a LID. A conversation whose handle resolves to nothing keeps its key and is counted as failed. In a dry run the keys
 * go to {@code backfill_conversation_keys} (the backfill's own working table) so the merge step can find the groups.
 */
@Component
public class ConversationKeyStep implements BackfillStep {

    public static final String NAME = "keys";
    private static final int SAMPLE = 10;

    private final JdbcClient jdbc;

    public ConversationKeyStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record ConversationRow(long id, UUID accountId, Long contactId, String handle, String key, String region) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepBatch run(BackfillScope scope, String cursor) {
        List<ConversationRow> batch = jdbc.sql("""
                        SELECT c.id, c.account_id, c.contact_id, c.handle, c.canonical_key, a.default_region
                        FROM conversations c JOIN accounts a ON a.id = c.account_id
                        WHERE c.id > ? AND (CAST(? AS uuid) IS NULL OR c.account_id = ?)
                        ORDER BY c.id LIMIT ?""")
                .params(SqlArrays.idAfter(cursor), scope.accountId(), scope.accountId(), scope.batchSize())
                .query((rs, row) -> new ConversationRow(rs.getLong(1), rs.getObject(2, UUID.class),
                        rs.getObject(3, Long.class), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
        if (batch.isEmpty()) {
            return new StepBatch(null, 0, 0, 0, 0, Map.of(), List.of());
        }
        List<Long> changedIds = new ArrayList<>();
        List<String> changedKeys = new ArrayList<>();
        List<Long> keyedIds = new ArrayList<>();
        List<String> keyedAccounts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<StepBatch.SampleEntry> sample = new ArrayList<>();
        long unkeyable = 0;
        for (ConversationRow row : batch) {
            String key = keyOf(row);
            if (key == null) {
                unkeyable++;
            } else if (!key.equals(row.key())) {
                changedIds.add(row.id());
                changedKeys.add(key);
                if (sample.size() < SAMPLE) {
                    sample.add(new StepBatch.SampleEntry("conversations", row.id(), row.key(), key));
                }
            }
            String finalKey = key != null ? key : row.key();
            if (finalKey != null) {
                keyedIds.add(row.id());
                keyedAccounts.add(row.accountId().toString());
                keys.add(finalKey);
            }
        }
        if (scope.dryRun()) {
            stage(scope.backfillId(), keyedIds, keyedAccounts, keys);
        } else if (!changedIds.isEmpty()) {
            jdbc.sql("""
                            UPDATE conversations c SET canonical_key = v.key, updated_at = now()
                            FROM unnest(?::bigint[], ?::text[]) AS v(id, key)
                            WHERE c.id = v.id AND c.canonical_key IS DISTINCT FROM v.key""")
                    .params(SqlArrays.longs(changedIds), SqlArrays.texts(changedKeys))
                    .update();
        }
        long unchanged = batch.size() - changedIds.size() - unkeyable;
        return new StepBatch(Long.toString(batch.getLast().id()), batch.size(), changedIds.size(), unchanged,
                unkeyable, Map.of("keyed", (long) changedIds.size(), "unkeyable", unkeyable), sample);
    }

    static String keyOf(UUID accountId, Long contactId, String handle, String region) {
        if (contactId != null) {
            return ConversationKeys.forContact(accountId, contactId);
        }
        return PeerIdentity.resolve(handle, region).map(peer -> peer.unlinkedKey(accountId)).orElse(null);
    }

    private static String keyOf(ConversationRow row) {
        return keyOf(row.accountId(), row.contactId(), row.handle(), row.region());
    }

    private void stage(UUID backfillId, List<Long> ids, List<String> accounts, List<String> keys) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO backfill_conversation_keys (backfill_id, conversation_id, account_id, canonical_key)
                        SELECT ?, v.id, v.account_id::uuid, v.key
                        FROM unnest(?::bigint[], ?::text[], ?::text[]) AS v(id, account_id, key)
                        ON CONFLICT (backfill_id, conversation_id) DO UPDATE SET canonical_key = excluded.canonical_key""")
                .params(backfillId, SqlArrays.longs(ids), SqlArrays.texts(accounts), SqlArrays.texts(keys))
                .update();
    }
}
