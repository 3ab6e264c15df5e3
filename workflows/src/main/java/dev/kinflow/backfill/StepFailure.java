package dev.kinflow.backfill;

/**
 * A best-effort step that keeps failing: it is recorded as failed and the backfill moves on to its next step.
 *
 * @param backfillId the {@code backfill_runs} id
 * @param step       the failed step
 * @param cursor     where it stopped
 * @param reason     the failure type (never a message that could carry row data)
 */
public record StepFailure(String backfillId, String step, String cursor, String reason) {
}
