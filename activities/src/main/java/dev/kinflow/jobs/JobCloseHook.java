package dev.kinflow.jobs;

/**
 * Tidies a feature's own rows when a job of its kind ended without its workflow recording the outcome (terminated
 * from the Temporal Web UI, timed out, its last worker lost before the final write): the reconciler calls it before
 * it closes the job's {@code job_runs} row, so a hook that fails is simply called again on the next round. Examples:
 * an import's stored token is deleted, an outreach batch stops showing {@code sending}. Must be idempotent.
 */
public interface JobCloseHook {

    /** The job kind this hook is for ({@code job_runs.kind}). */
    String kind();

    /** Called with the job (still {@code running} in {@code job_runs}) and the final status it is about to get. */
    void closedWithoutOutcome(JobRun job, JobStatus status);
}
