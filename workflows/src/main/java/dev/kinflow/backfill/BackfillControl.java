package dev.kinflow.backfill;

/**
 * Acknowledgement of a pause or resume.
 *
 * @param paused whether the backfill is now paused
 * @param step   the step of the next batch
 */
public record BackfillControl(boolean paused, String step) {
}
