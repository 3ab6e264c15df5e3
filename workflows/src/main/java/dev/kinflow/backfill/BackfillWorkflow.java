package dev.kinflow.backfill;

import dev.kinflow.common.JobProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A resumable data repair over one account or every account ({@code backfill_runs} row {@code backfillId}): walks the
 * steps of its kind batch by batch (keyset cursor), each batch one idempotent activity; throttles with durable timers;
 * continues as new every {@code batchesPerRun} batches (or when Temporal suggests it) carrying the cursor and totals.
 *
 * <p>Workflow id: {@code backfill-{backfillId}}. Steered by the {@link #pause}/{@link #resume} updates (acknowledged
 * once the workflow has taken them) and by Temporal cancellation (no new batch starts; the run ends cancelled).
 */
@WorkflowInterface
public interface BackfillWorkflow {

    String KIND = "backfill";

    static String workflowId(String backfillId) {
        return "backfill-" + backfillId;
    }

    @WorkflowMethod
    BackfillResult run(BackfillRequest request);

    /** Stops before the next batch (the batch in flight finishes). */
    @UpdateMethod
    BackfillControl pause();

    /** Lets a paused backfill continue with its next batch. */
    @UpdateMethod
    BackfillControl resume();

    @QueryMethod
    JobProgress progress();
}
