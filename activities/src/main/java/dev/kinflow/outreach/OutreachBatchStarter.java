package dev.kinflow.outreach;

import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.jobs.JobLauncher.Launched;
import dev.kinflow.outreach.OutreachBatchRequest.Carried;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Starts {@link OutreachBatchWorkflow} for a batch that has just been created. */
@Component
public class OutreachBatchStarter {

    private final JobLauncher launcher;
    private final OutreachBatchRepository batches;

    public OutreachBatchStarter(JobLauncher launcher, OutreachBatchRepository batches) {
        this.launcher = launcher;
        this.batches = batches;
    }

    public Launched start(UUID accountId, long batchId, long total, long skipped) {
        JobSpec spec = new JobSpec(accountId, OutreachBatchWorkflow.KIND, OutreachBatchWorkflow.workflowId(batchId),
                "Outreach batch " + batchId + " (" + total + " items)", Map.of("batchId", batchId));
        Launched launched = launcher.launch(spec, options -> { }, (options, jobId) -> {
            batches.attachJob(accountId, batchId, UUID.fromString(jobId));
            OutreachBatchWorkflow workflow = launcher.client().newWorkflowStub(OutreachBatchWorkflow.class, options);
            WorkflowClient.start(workflow::run, new OutreachBatchRequest(accountId.toString(), batchId, jobId,
                    OutreachBatchRequest.DEFAULT_ITEMS_PER_RUN, Carried.initial(total, skipped)));
        });
        return launched;
    }

    /** A typed stub of a batch's running workflow, for updates and signals. */
    public OutreachBatchWorkflow workflow(long batchId) {
        return launcher.client().newWorkflowStub(OutreachBatchWorkflow.class,
                OutreachBatchWorkflow.workflowId(batchId));
    }
}
