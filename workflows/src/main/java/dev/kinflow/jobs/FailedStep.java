package dev.kinflow.jobs;

import io.temporal.failure.ApplicationFailure;

/**
 * The details Kinflow attaches to an {@link ApplicationFailure} it raises, so that {@link JobTracking} can say which
 * step failed after how many attempts. Ids and counts only.
 *
 * @param step     e.g. "listing page 1", "notes of contact 42 page 2"
 * @param attempts attempts made (1 when the failure was final at once)
 */
public record FailedStep(String step, int attempts) {

    /** A failure that ends the job: no retry can make it succeed. */
    public static ApplicationFailure nonRetryable(String type, String message, String step, int attempts) {
        return ApplicationFailure.newNonRetryableFailure(message, type, new FailedStep(step, attempts));
    }
}
