package dev.kinflow.accounts;

import dev.kinflow.common.JobProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Provisions an account's singletons (outreach settings defaults, default reminder rules). Runs at account creation,
 * on {@code POST /api/account/bootstrap} (reconciliation) and at the end of an account reset.
 *
 * <p>Workflow id: {@code account-bootstrap-{accountId}}, one open run per account. Idempotent: a second run creates
 * nothing and reports every singleton as already present.
 */
@WorkflowInterface
public interface AccountBootstrapWorkflow {

    String KIND = "account-bootstrap";

    static String workflowId(String accountId) {
        return "account-bootstrap-" + accountId;
    }

    @WorkflowMethod
    BootstrapResult bootstrap(BootstrapRequest request);

    @QueryMethod
    JobProgress progress();
}
