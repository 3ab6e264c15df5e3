package dev.kinflow.outreach;

import dev.kinflow.jobs.JobCloseHook;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A batch whose workflow ended without closing it (e.g. terminated) is cancelled like a cancelled batch: pending items
 * become {@code cancelled}, queued items no device has claimed are withdrawn, and it stops showing {@code sending}.
 */
@Component
public class OutreachBatchCloseHook implements JobCloseHook {

    private final JdbcClient jdbc;
    private final OutreachBatchRepository batches;

    public OutreachBatchCloseHook(JdbcClient jdbc, OutreachBatchRepository batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    @Override
    public String kind() {
        return OutreachBatchWorkflow.KIND;
    }

    @Override
    public void closedWithoutOutcome(JobRun job, JobStatus status) {
        jdbc.sql("SELECT id FROM outreach_batches WHERE account_id = ? AND job_id = ? AND status IN ('sending', 'paused')")
                .params(job.accountId(), job.id()).query(Long.class).list()
                .forEach(batchId -> batches.cancel(job.accountId(), batchId));
    }
}
