package dev.kinflow.backfill;

/**
 * Input of one batch: the backfill and the position the workflow believes it is at. The activity applies the batch
 * only when the stored position matches (compare-and-set), so a retried batch is never applied twice.
 *
 * @param backfillId the {@code backfill_runs} id
 * @param step       the step name (see {@link BackfillSteps})
 * @param cursor     the keyset cursor inside the step (null: the step's beginning)
 */
public record BatchRequest(String backfillId, String step, String cursor) {
}
