package dev.kinflow.backfill;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The database work of {@link BackfillWorkflow}. What a backfill does (kind, scope, dry run, batch size) is read from
 * its {@code backfill_runs} row, so payloads carry ids and cursors only.
 *
 * <p>Idempotency key: (backfill id, step, cursor). A batch locks the run's row, applies its writes and moves the
 * stored cursor and counts in one transaction, and only when the stored position equals the requested one; a retry of
 * a batch that already committed changes nothing and returns the stored position, so a batch is never skipped nor
 * repeated. Timeouts: a batch is a few set-based statements over at most {@code batchSize} rows, so 2 minutes
 * start-to-close; building the unique index scans the whole table, so it gets its own long timeout.
 */
@ActivityInterface(namePrefix = "Backfill")
public interface BackfillActivities {

    /** Applies (or, in a dry run, only counts and samples) the batch at the requested position. */
    @ActivityMethod
    BatchResult runBatch(BatchRequest request);

    /**
     * Creates the unique index on open conversations' canonical keys when no duplicates remain
     * ({@code CREATE UNIQUE INDEX CONCURRENTLY}, outside a transaction; an invalid leftover of an interrupted build is
     * dropped and rebuilt). Idempotent: an existing valid index is kept.
     */
    @ActivityMethod
    BatchResult buildUniqueIndex(BatchRequest request);

    /** Marks a best-effort step failed and moves to the next step (only when still at that position). */
    @ActivityMethod
    BatchResult skipStep(StepFailure failure);

    /** Records the final status (guarded: a finished backfill is left alone) and drops dry-run working rows. */
    @ActivityMethod
    BatchResult finish(FinishRequest request);
}
