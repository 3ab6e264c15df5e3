package dev.kinflow.imports;

import dev.kinflow.common.TaskQueues;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Workflow-side Monica caller: every attempt goes through the {@link RequestWindow}; retries are decided here, never
 * by Temporal (one attempt per activity), so each one is counted. A 429 waits its {@code Retry-After}; transient
 * failures back off exponentially (1 s … 60 s); a 401 fails the import. Workflow code only.
 */
public final class PacedMonica {

    /**
     * One HTTP request (30 s client timeout) plus one batch write. On cancel the attempt in flight is abandoned rather
     * than asked to cancel: it cannot be interrupted part-way (no heartbeat), ends within its timeouts and writes
     * idempotently in one transaction, so a cancel request would only delay the import's cancellation (and on the
     * test server, a cancel request racing the attempt's completion fails the workflow task with ACTIVITY_UNKNOWN).
     */
    static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.MONICA)
            .setCancellationType(ActivityCancellationType.ABANDON)
            .setStartToCloseTimeout(Duration.ofSeconds(60))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    private static final int MAX_RATE_LIMITED = 50;

    private final MonicaImportActivities monica = Workflow.newActivityStub(MonicaImportActivities.class, OPTIONS);
    private final RequestWindow window;
    private long requests;
    private long rateLimited;
    private long retried;

    public PacedMonica(RequestWindow window) {
        this.window = window;
    }

    /** Calls Monica until the call succeeds, is final, or failed {@code attempts} times transiently. */
    public MonicaFetched call(MonicaFetch fetch, int attempts) {
        int failures = 0;
        int limited = 0;
        while (true) {
            window.acquire();
            requests++;
            MonicaFetched result;
            try {
                result = monica.fetch(fetch);
            } catch (ActivityFailure failure) {
                if (failure.getCause() instanceof CanceledFailure cancelled) {
                    throw cancelled;
                }
                if (failure.getCause() instanceof ApplicationFailure app && app.isNonRetryable()) {
                    // e.g. CredentialUnreadable: the activity knows retrying cannot help, so the import fails now
                    throw ApplicationFailure.newNonRetryableFailure(app.getOriginalMessage(), app.getType());
                }
                result = MonicaFetched.failed(new MonicaCall(MonicaCall.Outcome.TRANSIENT, 0, 0,
                        "activity failed: " + failure.getCause().getClass().getSimpleName()));
            } finally {
                window.release();
            }
            switch (result.call().outcome()) {
                case UNAUTHORIZED -> throw ApplicationFailure.newNonRetryableFailure(
                        "Monica rejected the API token (HTTP 401)", "MonicaUnauthorized");
                case RATE_LIMITED -> {
                    rateLimited++;
                    window.blockFor(result.call().retryAfterSeconds());
                    if (++limited >= MAX_RATE_LIMITED) {
                        return result;
                    }
                }
                case TRANSIENT -> {
                    if (++failures >= attempts) {
                        return result;
                    }
                    retried++;
                    Workflow.sleep(Duration.ofSeconds(Math.min(60, 1L << Math.min(6, failures - 1))));
                }
                default -> {
                    return result;
                }
            }
        }
    }

    public RequestWindow window() {
        return window;
    }

    public long requests() {
        return requests;
    }

    public long rateLimited() {
        return rateLimited;
    }

    public long retried() {
        return retried;
    }
}
