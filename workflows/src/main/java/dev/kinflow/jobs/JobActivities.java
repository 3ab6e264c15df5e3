package dev.kinflow.jobs;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Writes a workflow's own state into {@code job_runs}, the system of record for what runs.
 *
 * <p>Idempotency key: the job id. {@link #finish} moves the row out of {@code running} only once (guarded by
 * {@code WHERE status = 'running'}); calling it again changes nothing. Timeouts: a single-row update, so a short
 * start-to-close timeout (10 s) with unlimited retries — a restarted database only delays the write.
 */
@ActivityInterface
public interface JobActivities {

    /** Records the final status, progress and summary of a job. Returns true if this call made the change. */
    @ActivityMethod
    boolean finish(JobOutcome outcome);
}
