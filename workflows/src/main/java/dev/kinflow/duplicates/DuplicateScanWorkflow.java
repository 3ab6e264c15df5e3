package dev.kinflow.duplicates;

import dev.kinflow.common.JobProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Finds duplicate-contact candidates of one account. Workflow id {@code duplicate-scan-{accountId}}: a second request
 * while a scan runs joins it. Started by {@code POST /api/duplicates/scan} and at the end of every import.
 */
@WorkflowInterface
public interface DuplicateScanWorkflow {

    String KIND = "duplicate-scan";

    static String workflowId(String accountId) {
        return "duplicate-scan-" + accountId;
    }

    @WorkflowMethod
    DuplicateScanResult scan(DuplicateScanRequest request);

    @QueryMethod
    JobProgress progress();
}
