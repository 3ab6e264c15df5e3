package dev.kinflow.reset;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The steps of an account reset: stop everything the account runs, delete its data domain by domain, then record the
 * reset and reopen the account.
 *
 * <p>Idempotency: every method is keyed by the account id and the reset's job id. Status changes are guarded
 * ({@code accounts.status}, {@code job_runs.status = 'running'}); cancelling or terminating a workflow that already
 * closed is a no-op; a domain cleanup deletes "whatever the account still has" in chunks, each chunk adding its count
 * to {@code reset_deletions} in the same statement, so a retry after a crash finishes the work and reports exact
 * totals; the audit entry is unique per reset job.
 *
 * <p>Timeouts: the stop-the-world methods are a few queries or Temporal calls (short start-to-close, 30 s). A domain
 * cleanup can delete hundreds of thousands of rows: it heartbeats after every chunk (heartbeat timeout 30 s, so a
 * killed worker is noticed quickly) and gets a long start-to-close (2 h). All retry without limit: a restarted
 * database or Temporal frontend only delays the reset, it must never leave the account half reset.
 */
@ActivityInterface
public interface ResetActivities {

    /** Marks the account {@code resetting}, which makes every other job refuse to start (409). */
    @ActivityMethod
    ResetStarted beginReset(ResetTarget target);

    /** Running jobs of the account according to {@code job_runs} (never visibility queries), except the reset. */
    @ActivityMethod
    RunningJobs findRunningJobs(ResetTarget target);

    /**
     * Withdraws the account's queued work that would otherwise still leave the system (outreach items waiting for a
     * device); runs every registered {@code ResetStopHook}.
     */
    @ActivityMethod
    Withdrawn withdrawQueuedWork(ResetTarget target);

    /** Requests cancellation of each job's workflow; returns how many requests were accepted. */
    @ActivityMethod
    JobsOutcome requestCancellation(JobsRequest request);

    /** Of these jobs, the ones whose workflow is still open. */
    @ActivityMethod
    RunningJobs stillOpen(JobsRequest request);

    /** Records each job as cancelled, then terminates its workflow (for jobs that ignored the cancellation). */
    @ActivityMethod
    JobsOutcome terminate(JobsRequest request);

    /** Records each job that is still {@code running} in {@code job_runs} as {@code cancelled}. */
    @ActivityMethod
    JobsOutcome closeJobRuns(JobsRequest request);

    /** The cleanup domains in dependency order (from the reset registry). */
    @ActivityMethod
    CleanupPlan planCleanup(ResetTarget target);

    /** Deletes every row of one domain's tables for the account, in bounded chunks, heartbeating a cursor. */
    @ActivityMethod
    DomainCleanupResult cleanDomain(DomainCleanupRequest request);

    /** Writes the audit entry (who, what was deleted) and moves the account back to {@code active}. */
    @ActivityMethod
    ResetFinished finishReset(ResetCompletion completion);
}
