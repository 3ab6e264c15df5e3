package dev.kinflow.jobs;

import dev.kinflow.accounts.AccountBootstrapWorkflow;
import dev.kinflow.backfill.BackfillWorkflow;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.duplicates.DuplicateScanWorkflow;
import dev.kinflow.imports.ContactImportWorkflow;
import dev.kinflow.outreach.OutreachBatchWorkflow;
import dev.kinflow.reset.AccountResetWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * One way to cancel any job ({@code POST /api/jobs/{id}/cancel}, {@code /admin/jobs/{id}/cancel}): each kind is
 * cancelled the way its workflow expects — a Temporal cancellation request for imports and backfills, the
 * {@code cancel} update for outreach batches — and kinds that cannot be stopped part-way answer 409 with the reason.
 */
@Component
public class JobCancellation {

    private static final Set<String> CANCELLABLE = Set.of(ContactImportWorkflow.KIND, BackfillWorkflow.KIND,
            OutreachBatchWorkflow.KIND);

    private final WorkflowClient client;
    private final JobViews views;

    public JobCancellation(WorkflowClient client, JobViews views) {
        this.client = client;
        this.views = views;
    }

    /** Asks the job to cancel; returns it as it is now (a cancellation request may take a moment to land). */
    public JobView cancel(UUID accountId, UUID jobId) {
        JobRun job = views.find(accountId, jobId);
        if (!CANCELLABLE.contains(job.kind())) {
            throw ApiException.conflict(notCancellable(job.kind()));
        }
        if (job.status().isFinal()) {
            throw ApiException.conflict("The job has already ended (" + job.status().dbValue() + ")");
        }
        try {
            switch (job.kind()) {
                case ContactImportWorkflow.KIND, BackfillWorkflow.KIND ->
                        client.newUntypedWorkflowStub(job.workflowId()).cancel();
                case OutreachBatchWorkflow.KIND ->
                        client.newWorkflowStub(OutreachBatchWorkflow.class, job.workflowId()).cancel();
                default -> throw ApiException.conflict(notCancellable(job.kind()));
            }
        } catch (WorkflowException notRunning) {
            throw ApiException.conflict("The job is no longer running");
        }
        return views.view(views.find(accountId, jobId));
    }

    static String notCancellable(String kind) {
        return switch (kind) {
            case AccountResetWorkflow.KIND -> "An account reset cannot be cancelled: stopping it part-way would leave"
                    + " the account half deleted";
            case AccountBootstrapWorkflow.KIND -> "Account provisioning cannot be cancelled: it is short and the"
                    + " account needs it";
            case DuplicateScanWorkflow.KIND -> "A duplicate scan cannot be cancelled: it only reads and ends on its"
                    + " own; its candidates are dismissed one by one";
            default -> "Jobs of kind " + kind + " cannot be cancelled";
        };
    }
}
