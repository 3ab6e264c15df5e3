package dev.kinflow.backfill;

/**
 * Input of {@link BackfillWorkflow} — also the state carried across continue-as-new (ids, cursor and counts only).
 *
 * @param backfillId       the {@code backfill_runs} id
 * @param jobId            the {@code job_runs} id
 * @param maxRowsPerSecond throttle (0: unthrottled)
 * @param batchesPerRun    batches before continuing as new, so a run's history stays bounded
 * @param bestEffortSteps  a step whose batch keeps failing is reported failed and skipped instead of failing the run
 * @param position         where the next batch starts and the totals so far
 * @param paused           whether the backfill was paused when this run began
 * @param run              1 for the first run, +1 at each continue-as-new
 */
public record BackfillRequest(String backfillId, String jobId, int maxRowsPerSecond, int batchesPerRun,
                              boolean bestEffortSteps, BatchResult position, boolean paused,
                              int run) {

    public BackfillRequest continuedAt(BatchResult next, boolean pausedNow) {
        return new BackfillRequest(backfillId, jobId, maxRowsPerSecond, batchesPerRun, bestEffortSteps, next, pausedNow,
                run + 1);
    }
}
