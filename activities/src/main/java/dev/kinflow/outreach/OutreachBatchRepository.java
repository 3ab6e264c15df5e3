package dev.kinflow.outreach;

import dev.kinflow.conversations.ConversationKeys;
import dev.kinflow.outreach.BatchPlanner.PlannedItem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Outreach batches, their items and the device send queue, always scoped by account. */
@Repository
public class OutreachBatchRepository {

    public static final List<String> ITEM_STATUSES =
            List.of("pending", "queued", "sent", "failed", "skipped", "cancelled");
    public static final String DEVICE_DID_NOT_CONFIRM = "device did not confirm";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OutreachBatchRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts a batch and its items (one per contact, in plan order); returns the batch id. */
    @Transactional
    public long create(UUID accountId, long deviceId, String template, List<PlannedItem> items) {
        long batchId = jdbc.sql("""
                        INSERT INTO outreach_batches (account_id, device_id, template, total)
                        VALUES (?, ?, ?, ?) RETURNING id""")
                .params(accountId, deviceId, template, items.size())
                .query(Long.class).single();
        List<Map<String, Object>> rows = new ArrayList<>(items.size());
        for (PlannedItem item : items) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("contactId", item.contactId());
            row.put("handle", item.toHandle());
            row.put("body", item.body());
            row.put("skipReason", item.skipReason());
            rows.add(row);
        }
        jdbc.sql("""
                        INSERT INTO outreach_batch_items (account_id, batch_id, contact_id, to_handle, body, status,
                                                          skip_reason)
                        SELECT :account, :batch, CAST(e.value->>'contactId' AS bigint), e.value->>'handle',
                               e.value->>'body', CASE WHEN e.value->>'skipReason' IS NULL THEN 'pending' ELSE 'skipped' END,
                               e.value->>'skipReason'
                        FROM jsonb_array_elements(CAST(:rows AS jsonb)) WITH ORDINALITY AS e(value, ord)
                        ORDER BY e.ord
                        ON CONFLICT (batch_id, contact_id) DO NOTHING""")
                .param("account", accountId)
                .param("batch", batchId)
                .param("rows", json.writeValueAsString(rows))
                .update();
        return batchId;
    }

    public void attachJob(UUID accountId, long batchId, UUID jobId) {
        jdbc.sql("UPDATE outreach_batches SET job_id = ? WHERE account_id = ? AND id = ?")
                .params(jobId, accountId, batchId).update();
    }

    public Optional<OutreachBatch> find(UUID accountId, long batchId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        ITEM_STATUSES.forEach(s -> counts.put(s, 0L));
        jdbc.sql("""
                        SELECT status, count(*) AS n FROM outreach_batch_items
                        WHERE account_id = ? AND batch_id = ? GROUP BY status""")
                .params(accountId, batchId)
                .query(rs -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return jdbc.sql("SELECT * FROM outreach_batches WHERE account_id = ? AND id = ?")
                .params(accountId, batchId)
                .query((rs, row) -> new OutreachBatch(rs.getLong("id"), rs.getObject("account_id", UUID.class),
                        rs.getLong("device_id"), rs.getString("status"), rs.getInt("total"),
                        rs.getObject("job_id", UUID.class), instant(rs, "next_send_at"), rs.getString("waiting_for"),
                        Map.copyOf(counts), instant(rs, "created_at"), instant(rs, "finished_at")))
                .optional();
    }

    /** Ids of the account's batches that are still running (sending or paused). */
    public List<Long> runningBatchIds(UUID accountId) {
        return jdbc.sql("SELECT id FROM outreach_batches WHERE account_id = ? AND status IN ('sending', 'paused')")
                .param(accountId).query(Long.class).list();
    }

    public List<OutreachBatchItem> items(UUID accountId, long batchId, String status, int limit, int offset) {
        return jdbc.sql("""
                        SELECT * FROM outreach_batch_items
                        WHERE account_id = :account AND batch_id = :batch
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                        ORDER BY id LIMIT :limit OFFSET :offset""")
                .param("account", accountId).param("batch", batchId).param("status", status)
                .param("limit", limit).param("offset", offset)
                .query((rs, row) -> new OutreachBatchItem(rs.getLong("id"), rs.getLong("contact_id"),
                        rs.getString("to_handle"), rs.getString("status"), rs.getString("skip_reason"),
                        rs.getString("error"), instant(rs, "queued_at"), instant(rs, "finished_at")))
                .list();
    }

    public long countItems(UUID accountId, long batchId, String status) {
        return jdbc.sql("""
                        SELECT count(*) FROM outreach_batch_items
                        WHERE account_id = :account AND batch_id = :batch
                          AND (CAST(:status AS text) IS NULL OR status = :status)""")
                .param("account", accountId).param("batch", batchId).param("status", status)
                .query(Long.class).single();
    }

    /**
     * Claims up to {@code limit} queued messages for a device: they are handed out once, in the order they became
     * available, and only once their {@code available_at} has passed on the database clock — the clock the dispatch
     * checked the account's limits on, so the limits hold as the device sees them. Nothing is handed out while the
     * device's account is being reset (its queue is about to be withdrawn and deleted).
     */
    public List<QueuedMessage> claim(Device device, int limit) {
        List<QueuedMessage> claimed = new ArrayList<>(jdbc.sql("""
                        UPDATE send_queue q SET status = 'claimed', claimed_at = clock_timestamp()
                        FROM outreach_batch_items i
                        WHERE i.id = q.item_id AND q.id IN (
                            SELECT s.id FROM send_queue s
                            WHERE s.account_id = ? AND s.device_id = ? AND s.status = 'queued'
                              AND s.available_at <= clock_timestamp()
                              AND NOT EXISTS (SELECT 1 FROM accounts a
                                              WHERE a.id = s.account_id AND a.status = 'resetting')
                            ORDER BY s.available_at, s.id LIMIT ? FOR UPDATE OF s SKIP LOCKED)
                        RETURNING q.id, i.to_handle, i.body, q.created_at""")
                .params(device.accountId(), device.id(), limit)
                .query((rs, row) -> new QueuedMessage(rs.getLong("id"), rs.getString("to_handle"),
                        rs.getString("body"), instant(rs, "created_at")))
                .list());
        claimed.sort(Comparator.comparingLong(QueuedMessage::id));
        return claimed;
    }

    /** What recording a device result did. */
    public enum ResultOutcome { APPLIED, SAME, CONFLICT, NOT_FOUND }

    /** The outcome, and for APPLIED/SAME the item and batch it concerned. */
    public record RecordedResult(ResultOutcome outcome, long itemId, long batchId) {
    }

    /**
     * Records a device's result for a message it claimed: idempotent (the same result again changes nothing), a
     * different result than the one recorded — or a result for an item that expired or was withdrawn — is a conflict.
     * A sent message is appended to the contact's conversation when one exists.
     */
    @Transactional
    public RecordedResult recordResult(Device device, long queueId, String status, String error) {
        var row = jdbc.sql("""
                        SELECT q.status, q.item_id, q.batch_id FROM send_queue q
                        WHERE q.id = ? AND q.account_id = ? AND q.device_id = ? FOR UPDATE""")
                .params(queueId, device.accountId(), device.id())
                .query((rs, n) -> new Object[]{rs.getString("status"), rs.getLong("item_id"), rs.getLong("batch_id")})
                .optional();
        if (row.isEmpty()) {
            return new RecordedResult(ResultOutcome.NOT_FOUND, 0, 0);
        }
        String current = (String) row.get()[0];
        long itemId = (Long) row.get()[1];
        long batchId = (Long) row.get()[2];
        if (current.equals(status)) {
            return new RecordedResult(ResultOutcome.SAME, itemId, batchId);
        }
        if (!current.equals("claimed")) {
            return new RecordedResult(ResultOutcome.CONFLICT, itemId, batchId);
        }
        jdbc.sql("UPDATE send_queue SET status = ?, error = ?, result_at = now() WHERE id = ? AND status = 'claimed'")
                .params(status, error, queueId).update();
        jdbc.sql("""
                        UPDATE outreach_batch_items SET status = ?, error = ?, finished_at = now(), updated_at = now()
                        WHERE id = ? AND status = 'queued'""")
                .params(status, error, itemId).update();
        if ("sent".equals(status)) {
            appendToConversation(device.accountId(), itemId);
        }
        return new RecordedResult(ResultOutcome.APPLIED, itemId, batchId);
    }

    private void appendToConversation(UUID accountId, long itemId) {
        var item = jdbc.sql("SELECT contact_id, body FROM outreach_batch_items WHERE id = ? AND account_id = ?")
                .params(itemId, accountId)
                .query((rs, n) -> new Object[]{rs.getLong("contact_id"), rs.getString("body")})
                .single();
        String key = ConversationKeys.forContact(accountId, (Long) item[0]);
        Optional<Long> conversation = jdbc.sql("""
                        SELECT id FROM conversations
                        WHERE account_id = ? AND canonical_key = ? AND merged_into IS NULL
                        ORDER BY status = 'open' DESC, last_message_at DESC NULLS LAST, id DESC LIMIT 1""")
                .params(accountId, key).query(Long.class).optional();
        if (conversation.isEmpty()) {
            return;
        }
        int inserted = jdbc.sql("""
                        INSERT INTO messages (account_id, conversation_id, direction, body, external_id, sent_at)
                        VALUES (?, ?, 'out', ?, ?, now())
                        ON CONFLICT (account_id, external_id) WHERE external_id IS NOT NULL DO NOTHING""")
                .params(accountId, conversation.get(), item[1], "outreach-item-" + itemId)
                .update();
        if (inserted == 1) {
            jdbc.sql("UPDATE conversations SET last_message_at = now(), updated_at = now() WHERE id = ?")
                    .param(conversation.get()).update();
        }
    }

    // --- used by the batch workflow's activities ---

    List<Long> pendingItemIds(UUID accountId, long batchId, long afterItemId, int limit) {
        return jdbc.sql("""
                        SELECT id FROM outreach_batch_items
                        WHERE account_id = ? AND batch_id = ? AND status = 'pending' AND id > ?
                        ORDER BY id LIMIT ?""")
                .params(accountId, batchId, afterItemId, limit)
                .query(Long.class).list();
    }

    boolean inLedger(long itemId) {
        return jdbc.sql("SELECT count(*) FROM send_ledger WHERE item_id = ?").param(itemId)
                .query(Long.class).single() > 0;
    }

    Optional<String> lockItemStatus(UUID accountId, long batchId, long itemId) {
        return jdbc.sql("""
                        SELECT status FROM outreach_batch_items WHERE id = ? AND account_id = ? AND batch_id = ?
                        FOR UPDATE""")
                .params(itemId, accountId, batchId).query(String.class).optional();
    }

    /** The account's ledger times (epoch millis, ascending) after {@code sinceMillis}. */
    List<Long> ledgerSince(UUID accountId, long sinceMillis) {
        return jdbc.sql("SELECT sent_at FROM send_ledger WHERE account_id = ? AND sent_at > ? ORDER BY sent_at")
                .params(accountId, new Timestamp(sinceMillis))
                .query((rs, n) -> rs.getTimestamp("sent_at").getTime())
                .list();
    }

    /**
     * The database clock ({@code clock_timestamp()}, not the transaction's start time {@code now()}), in epoch millis.
     * Read after the account's settings row is locked, it is later than every send another dispatch of the account
     * recorded and committed before.
     */
    long databaseNow() {
        return jdbc.sql("SELECT clock_timestamp()").query((rs, n) -> rs.getTimestamp(1).getTime()).single();
    }

    /**
     * Ledger row, queue entry and item status for one send that becomes claimable at {@code slotMillis} (database
     * clock). The ledger row is written only while the database clock is still before the slot: a transaction stalled
     * past it (its commit could then make the message visible later than recorded) fails instead, and the activity's
     * retry decides afresh.
     */
    void enqueue(UUID accountId, long batchId, long itemId, long slotMillis) {
        Timestamp slot = new Timestamp(slotMillis);
        int recorded = jdbc.sql("""
                        INSERT INTO send_ledger (item_id, account_id, sent_at)
                        SELECT ?, ?, ? WHERE clock_timestamp() < ?
                        ON CONFLICT DO NOTHING""")
                .params(itemId, accountId, slot, slot).update();
        if (recorded != 1) {
            throw new IllegalStateException("dispatch of item " + itemId + " stalled past its delivery slot; retrying");
        }
        jdbc.sql("""
                        INSERT INTO send_queue (account_id, device_id, batch_id, item_id, available_at)
                        SELECT b.account_id, b.device_id, b.id, ?, ? FROM outreach_batches b
                        WHERE b.id = ? AND b.account_id = ?
                        ON CONFLICT (item_id) DO NOTHING""")
                .params(itemId, slot, batchId, accountId).update();
        jdbc.sql("""
                        UPDATE outreach_batch_items SET status = 'queued', queued_at = ?, updated_at = now()
                        WHERE id = ? AND account_id = ? AND status = 'pending'""")
                .params(slot, itemId, accountId).update();
        setWaiting(accountId, batchId, null, null);
    }

    void setWaiting(UUID accountId, long batchId, Long nextSendAtMillis, String waitingFor) {
        jdbc.sql("""
                        UPDATE outreach_batches SET next_send_at = ?, waiting_for = ?, updated_at = now()
                        WHERE id = ? AND account_id = ? AND status = 'sending'""")
                .params(nextSendAtMillis == null ? null : new Timestamp(nextSendAtMillis), waitingFor, batchId,
                        accountId)
                .update();
    }

    @Transactional
    String expire(UUID accountId, long itemId) {
        jdbc.sql("""
                        UPDATE outreach_batch_items SET status = 'failed', error = ?, finished_at = now(),
                                                        updated_at = now()
                        WHERE id = ? AND account_id = ? AND status = 'queued'""")
                .params(DEVICE_DID_NOT_CONFIRM, itemId, accountId).update();
        jdbc.sql("""
                        UPDATE send_queue SET status = 'expired', error = ?, result_at = now()
                        WHERE item_id = ? AND account_id = ? AND status IN ('queued', 'claimed')""")
                .params(DEVICE_DID_NOT_CONFIRM, itemId, accountId).update();
        return jdbc.sql("SELECT status FROM outreach_batch_items WHERE id = ? AND account_id = ?")
                .params(itemId, accountId).query(String.class).single();
    }

    /** The batches a job drives that are not finished yet. */
    public List<Long> unfinishedBatchesOfJob(UUID accountId, UUID jobId) {
        return jdbc.sql("SELECT id FROM outreach_batches WHERE account_id = ? AND job_id = ? "
                        + "AND status IN ('sending', 'paused')")
                .params(accountId, jobId).query(Long.class).list();
    }

    /**
     * Withdraws every message of the account still waiting for its device (not yet claimed) and cancels its item;
     * returns how many this call withdrew (a second call withdraws nothing).
     */
    public long withdrawQueued(UUID accountId) {
        return jdbc.sql("""
                        WITH withdrawn AS (
                            UPDATE send_queue SET status = 'withdrawn', result_at = now()
                            WHERE account_id = :a AND status = 'queued' RETURNING item_id
                        ), cancelled AS (
                            UPDATE outreach_batch_items SET status = 'cancelled', finished_at = now(), updated_at = now()
                            WHERE account_id = :a AND id IN (SELECT item_id FROM withdrawn) AND status = 'queued'
                        )
                        SELECT count(*) FROM withdrawn""")
                .param("a", accountId).query(Long.class).single();
    }

    /** Cancels what has not gone out; returns (pending items cancelled so far, queue items withdrawn so far). */
    @Transactional
    OutreachActivities.CancelOutcome cancel(UUID accountId, long batchId) {
        jdbc.sql("""
                        UPDATE outreach_batch_items SET status = 'cancelled', finished_at = now(), updated_at = now()
                        WHERE account_id = ? AND batch_id = ? AND status = 'pending'""")
                .params(accountId, batchId).update();
        jdbc.sql("""
                        WITH withdrawn AS (
                            UPDATE send_queue SET status = 'withdrawn', result_at = now()
                            WHERE account_id = ? AND batch_id = ? AND status = 'queued' RETURNING item_id)
                        UPDATE outreach_batch_items SET status = 'cancelled', finished_at = now(), updated_at = now()
                        WHERE id IN (SELECT item_id FROM withdrawn) AND status = 'queued'""")
                .params(accountId, batchId).update();
        setStatus(accountId, batchId, "cancelled", null);
        long cancelledPending = jdbc.sql("""
                        SELECT count(*) FROM outreach_batch_items i
                        WHERE i.account_id = ? AND i.batch_id = ? AND i.status = 'cancelled'
                          AND NOT EXISTS (SELECT 1 FROM send_queue q WHERE q.item_id = i.id)""")
                .params(accountId, batchId).query(Long.class).single();
        List<Long> withdrawn = jdbc.sql("""
                        SELECT item_id FROM send_queue WHERE account_id = ? AND batch_id = ? AND status = 'withdrawn'
                        ORDER BY item_id""")
                .params(accountId, batchId).query(Long.class).list();
        return new OutreachActivities.CancelOutcome(cancelledPending, withdrawn);
    }

    /** Moves a running batch to {@code status}; a finished batch (completed, cancelled) stays as it is. */
    void setStatus(UUID accountId, long batchId, String status, String waitingFor) {
        boolean finished = status.equals("completed") || status.equals("cancelled");
        jdbc.sql("""
                        UPDATE outreach_batches SET status = ?, waiting_for = ?, next_send_at = NULL,
                               updated_at = now(), finished_at = CASE WHEN ? THEN now() END
                        WHERE id = ? AND account_id = ? AND status IN ('sending', 'paused')""")
                .params(status, waitingFor, finished, batchId, accountId).update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
