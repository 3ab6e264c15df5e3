package dev.kinflow.backfill;

import dev.kinflow.jobs.JobCloseHook;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobStatus;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A backfill that ended without its workflow's final write stops showing running/paused and drops its working rows. */
@Component
public class BackfillCloseHook implements JobCloseHook {

    private final BackfillRepository backfills;

    public BackfillCloseHook(BackfillRepository backfills) {
        this.backfills = backfills;
    }

    @Override
    public String kind() {
        return BackfillWorkflow.KIND;
    }

    @Override
    public void closedWithoutOutcome(JobRun job, JobStatus status) {
        for (UUID backfill : backfills.idsOfJob(job.id())) {
            backfills.dropWorkingRows(backfill);
            backfills.finish(backfill, status == JobStatus.CANCELLED ? "cancelled" : "failed");
        }
    }
}
