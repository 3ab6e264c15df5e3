package dev.kinflow.backfill;

/**
 * The stored position and totals of a backfill after a batch.
 *
 * @param step      the step of the next batch (null when finished)
 * @param cursor    the keyset cursor of the next batch inside {@code step} (null: the step's beginning)
 * @param finished  whether every step is done
 * @param batchRows rows the batch just looked at (for throttling)
 * @param scanned   rows looked at so far
 * @param changed   rows changed (or, in a dry run, that would change) so far
 * @param unchanged rows already correct so far
 * @param failed    rows that could not be repaired (e.g. unparseable phones) and failed steps so far
 */
public record BatchResult(String step, String cursor, boolean finished, long batchRows, long scanned, long changed,
                          long unchanged, long failed) {

    public static BatchResult start(String firstStep) {
        return new BatchResult(firstStep, null, false, 0, 0, 0, 0, 0);
    }
}
