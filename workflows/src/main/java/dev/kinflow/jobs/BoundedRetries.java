package dev.kinflow.jobs;

import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The retry policy of a job's short database activities: backoff from 1 s doubling up to 30 s, at most
 * {@link #ATTEMPTS} attempts (about 14 minutes in all). A database or worker restart only delays the job; a step that
 * fails for that long (a poison record, missing settings) will not succeed by waiting, so the activity failure ends the
 * job and {@link JobTracking} records it {@code failed} with its reason instead of the job retrying forever. Failures
 * known to be permanent are raised non-retryable and end the job at the first attempt. Workflow code only.
 */
public final class BoundedRetries {

    /** Attempts of one activity call: 1+2+4+8+16 s, then 27 × 30 s ≈ 14 minutes of backoff. */
    public static final int ATTEMPTS = 32;

    /** {@link #ATTEMPTS} attempts, 1 s initial interval, 30 s maximum interval. */
    public static final RetryOptions DATABASE_STEP = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofSeconds(30))
            .setMaximumAttempts(ATTEMPTS)
            .build();

    private BoundedRetries() {
    }
}
