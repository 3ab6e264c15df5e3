package dev.kinflow.outreach;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The database side of an outreach batch. Every method is idempotent under the item (or batch) id: status changes are
 * guarded by the current status, the send ledger and the send queue are unique per item.
 *
 * <p>Timeouts: each method is one short transaction (10 s start-to-close), retried without limit with backoff up to
 * 30 s, so a restarted database only delays a batch. Limits are decided and recorded on one clock, the database's:
 * that is the clock on which the device's claim makes a message visible, so the limits hold as the device observes
 * them, whatever number of worker processes dispatch for the account and however late a retry runs. The workflow's own
 * time ({@code Workflow.currentTimeMillis()}) is passed only so that "not before" answers come back on the workflow's
 * clock (its time plus the wait the database decided).
 */
@ActivityInterface
public interface OutreachActivities {

    /** Ids of the batch's items still {@code pending} after {@code afterItemId}, in item order. */
    @ActivityMethod
    ItemPage nextItems(ItemPageRequest request);

    /**
     * Reserves the account's next send slot for one item and enqueues it for the batch's device, atomically: under a
     * lock on the account's settings row it reads the database clock and checks pause, quiet hours, the sliding
     * per-minute/hour/day windows and the minimum gap against the account's send ledger (all batches, all workers) for
     * a delivery at that clock plus a short lead. Either records the item in the ledger and the send queue at that
     * delivery instant (the instant from which the device can claim it) and marks it {@code queued}, or answers when
     * to ask again and why. Idempotency key: the item id (a repeated call for an item already in the ledger answers
     * {@code ENQUEUED} again without a second send and without moving its recorded time).
     */
    @ActivityMethod
    DispatchOutcome dispatch(DispatchRequest request);

    /**
     * Marks a queued item the device has not confirmed in time as failed ("device did not confirm") and takes it off
     * the queue; an item that already has a result is left alone. Returns the item's status after the call.
     */
    @ActivityMethod
    ItemStatus expireUnconfirmed(ItemRef request);

    /**
     * Cancels a batch: pending items become {@code cancelled}, queued items no device has claimed are withdrawn (and
     * cancelled); claimed items keep waiting for their result. Marks the batch {@code cancelled}.
     */
    @ActivityMethod
    CancelOutcome cancelRemaining(BatchRef request);

    /** Records the batch's status (sending, paused, completed) and what it waits for, for {@code GET} to show. */
    @ActivityMethod
    BatchRef setBatchStatus(BatchStatusChange request);

    /** One batch of one account. */
    record BatchRef(String accountId, long batchId) {
    }

    /** One item of a batch. */
    record ItemRef(String accountId, long batchId, long itemId) {
    }

    /** A page request for pending items after a cursor. */
    record ItemPageRequest(String accountId, long batchId, long afterItemId, int limit) {
    }

    /** Pending item ids in order; empty when none is left. */
    record ItemPage(List<Long> itemIds) {
    }

    /**
     * Ask for a send slot for one item. {@code nowMillis} is the workflow's time: it is not used for the decision, only
     * to express the answer's {@code notBeforeMillis} on the workflow's clock.
     */
    record DispatchRequest(String accountId, long batchId, long itemId, long nowMillis) {
    }

    /** What became of a dispatch request. */
    enum DispatchResult { ENQUEUED, WAIT, NOT_PENDING }

    /**
     * @param result            enqueued, wait (ask again at {@code notBeforeMillis}) or not pending any more
     * @param notBeforeMillis   on the caller's clock — for WAIT: when to ask again; for ENQUEUED: when the next send
     *                          could be allowed at the earliest, counting this one (a hint that saves asking too
     *                          early; 0 when unknown)
     * @param reason            for WAIT (and the ENQUEUED hint): quiet_hours, limit, min_gap or paused
     * @param detail            for WAIT (and the ENQUEUED hint): e.g. "quiet hours until 08:00 Europe/Paris"
     * @param ackTimeoutMinutes for ENQUEUED: how long the device has to confirm the item
     */
    record DispatchOutcome(DispatchResult result, long notBeforeMillis, String reason, String detail,
                           int ackTimeoutMinutes) {
    }

    /** An item's status (pending, queued, sent, failed, skipped, cancelled). */
    record ItemStatus(long itemId, String status) {
    }

    /**
     * @param cancelled        items moved from pending to cancelled
     * @param withdrawnItemIds queued items taken back from the device queue before any device claimed them
     */
    record CancelOutcome(long cancelled, List<Long> withdrawnItemIds) {
    }

    /** A batch status for the batch row; {@code waitingFor} is null when it does not wait. */
    record BatchStatusChange(String accountId, long batchId, String status, String waitingFor) {
    }
}
