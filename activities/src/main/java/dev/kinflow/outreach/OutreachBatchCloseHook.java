package dev.kinflow.outreach;

import dev.kinflow.jobs.JobCloseHook;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobStatus;
import org.springframework.stereotype.Component;

/**
 * A batch whose workflow ended without closing it (e.g. terminated) is cancelled like a cancelled batch: pending items
 * become {@code cancelled}, queued items no device has claimed are withdrawn, and it stops showing {@code sending}.
 */
@Component
public class OutreachBatchCloseHook implements JobCloseHook {

    private final OutreachBatchRepository batches;

    public OutreachBatchCloseHook(OutreachBatchRepository batches) {
        this.batches = batches;
    }

    @Override
    public String kind() {
        return OutreachBatchWorkflow.KIND;
    }

    @Override
    public void closedWithoutOutcome(JobRun job, JobStatus status) {
        batches.unfinishedBatchesOfJob(job.accountId(), job.id())
                .forEach(batchId -> batches.cancel(job.accountId(), batchId));
    }
}
