package dev.kinflow.outreach;

import dev.kinflow.common.JobProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/**
 * Sends an outreach batch's items one at a time through the batch's device: before each item it asks
 * {@link OutreachActivities#dispatch} for the account's next send slot and sleeps on a durable timer until the time
 * it is given (woken early by pause, resume, cancel and settings changes). Device results arrive as signals; an item
 * not confirmed within the account's ack timeout is marked failed, never re-sent.
 *
 * <p>Workflow id: {@code outreach-batch-{batchId}}. Payloads carry ids and counts only (message bodies and phone
 * numbers stay in the database). Big batches continue-as-new every {@code itemsPerRun} items (or when Temporal
 * suggests it), carrying the cursor, the counts and the unconfirmed items; the rate state lives in the database.
 */
@WorkflowInterface
public interface OutreachBatchWorkflow {

    String KIND = "outreach-batch";

    static String workflowId(long batchId) {
        return "outreach-batch-" + batchId;
    }

    @WorkflowMethod
    OutreachBatchResult run(OutreachBatchRequest request);

    /** Pauses the batch; once this returns, no new item is enqueued until {@link #resume}. */
    @UpdateMethod
    BatchState pause();

    /** Resumes a paused batch where it stopped. */
    @UpdateMethod
    BatchState resume();

    /** Cancels the batch (see {@link OutreachActivities#cancelRemaining}); returns once the database reflects it. */
    @UpdateMethod
    BatchState cancel();

    /** A device result for one of this batch's items (recorded in the database before the signal is sent). */
    @SignalMethod
    void itemResult(ItemResult result);

    /** The account's outreach settings changed: re-check the next send now rather than at the planned time. */
    @SignalMethod
    void settingsChanged();

    @QueryMethod
    JobProgress progress();

    /**
     * @param itemId the item
     * @param status sent or failed
     */
    record ItemResult(long itemId, String status) {
    }

    /** The batch's state as seen by the workflow when an update returns. */
    record BatchState(String status, Map<String, Long> counts) {
    }
}
