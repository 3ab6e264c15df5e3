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
 * @param batchTimeout     start-to-close timeout of one batch in seconds (0: the default, 2 minutes); a worker that
 *                         dies in the middle of a batch delays the backfill by this much before the batch is retried
 */
public record BackfillRequest(String backfillId, String jobId, int maxRowsPerSecond, int batchesPerRun,
                              boolean bestEffortSteps, BatchResult position, boolean paused,
                              int run, int batchTimeout) {

    public BackfillRequest continuedAt(BatchResult next, boolean pausedNow) {
        return new BackfillRequest(backfillId, jobId, maxRowsPerSecond, batchesPerRun, bestEffortSteps, next, pausedNow,
                run + 1, batchTimeout);
    }
}
