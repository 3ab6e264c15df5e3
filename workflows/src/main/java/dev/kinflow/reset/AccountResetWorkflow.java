package dev.kinflow.reset;

import dev.kinflow.common.JobProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Resets an account: stops every job it runs (cancel, bounded wait, terminate stragglers; queued outreach withdrawn),
 * deletes its data domain by domain in dependency order, provisions it again with the account bootstrap, records who
 * reset it, and reopens it.
 *
 * <p>Workflow id: {@code account-reset-{accountId}}, one open run per account (a second request joins it). The
 * history stays small (a few dozen activities), so it never continues as new.
 */
@WorkflowInterface
public interface AccountResetWorkflow {

    /** Must stay equal to {@code JobLauncher.RESET_KIND}: the only job kind allowed while an account resets. */
    String KIND = "account-reset";

    static String workflowId(String accountId) {
        return "account-reset-" + accountId;
    }

    @WorkflowMethod
    ResetResult reset(ResetRequest request);

    @QueryMethod
    JobProgress progress();
}
