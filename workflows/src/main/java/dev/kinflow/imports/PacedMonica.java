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
 * Workflow-side Monica caller. Every attempt draws from the credential's request budget, which belongs to the
 * credential and not to this run (a ledger in PostgreSQL shared by every import, child, re-import and worker process,
 * see {@link MonicaImportActivities#fetchWithinBudget}): when the budget has no free slot yet, the activity says how
 * long to wait and this caller sleeps a durable timer, then asks again for the same slot. Retries are decided here,
 * never by Temporal (one attempt per activity), so each one is counted. A 429 blocks the budget until its
 * {@code Retry-After} (for every user of the credential); transient failures back off exponentially (1 s … 60 s); a
 * 401 fails the import. Imports started before the budget (workflow version {@link #CREDENTIAL_BUDGET} absent) keep
 * pacing in their own {@link RequestWindow}. Workflow code only.
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
    /** Workflow version of the credential's request budget (earlier runs paced in their own window). */
    static final String CREDENTIAL_BUDGET = "credential-request-budget";

    private final MonicaImportActivities monica = Workflow.newActivityStub(MonicaImportActivities.class, OPTIONS);
    private final RequestWindow window;
    private final int requestsPerMinute;
    private final boolean budgeted;
    private long requests;
    private long rateLimited;
    private long retried;
    private long waitedMillis;
    private int callsWaiting;
    private long waitingSince;
    private BudgetWaiting waiting;

    /**
     * @param window            the run's own window, used only by imports started before the budget
     * @param requestsPerMinute the most requests in any 60 s window of the credential's budget
     */
    public PacedMonica(RequestWindow window, int requestsPerMinute) {
        this.window = window;
        this.requestsPerMinute = requestsPerMinute;
        this.budgeted = Workflow.getVersion(CREDENTIAL_BUDGET, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /** Calls Monica until the call succeeds, is final, or failed {@code attempts} times transiently. */
    public MonicaFetched call(MonicaFetch fetch, int attempts) {
        int failures = 0;
        int limited = 0;
        while (true) {
            MonicaFetched result = budgeted ? sendWithinBudget(fetch) : sendInWindow(fetch);
            switch (result.call().outcome()) {
                case UNAUTHORIZED -> throw ApplicationFailure.newNonRetryableFailure(
                        "Monica rejected the API token (HTTP 401)", "MonicaUnauthorized");
                case RATE_LIMITED -> {
                    rateLimited++;
                    if (!budgeted) {
                        window.blockFor(result.call().retryAfterSeconds());
                    }
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

    /** One attempt within the credential's budget: waits (durable timers) until its slot, then sends. */
    private MonicaFetched sendWithinBudget(MonicaFetch fetch) {
        BudgetedFetch attempt = new BudgetedFetch(fetch, Workflow.randomUUID().toString(), requestsPerMinute);
        while (true) {
            BudgetedFetched answer;
            try {
                answer = monica.fetchWithinBudget(attempt);
            } catch (ActivityFailure failure) {
                requests++;
                return failedAttempt(failure);
            }
            if (answer.budgetWait() == null) {
                requests++;
                return answer.fetched();
            }
            waitFor(answer.budgetWait());
        }
    }

    private void waitFor(BudgetWait wait) {
        long millis = Math.max(1, wait.millis());
        long now = Workflow.currentTimeMillis();
        if (callsWaiting++ == 0) {
            waitingSince = now;
        }
        BudgetWaiting mine = new BudgetWaiting(wait.reason(), now + millis);
        waiting = mine;
        try {
            Workflow.sleep(Duration.ofMillis(millis));
        } finally {
            if (--callsWaiting == 0) {
                waitedMillis += Workflow.currentTimeMillis() - waitingSince;
            }
            if (waiting == mine) {
                waiting = null;
            }
        }
    }

    /** One attempt paced by the run's own window (imports started before the budget). */
    private MonicaFetched sendInWindow(MonicaFetch fetch) {
        window.acquire();
        requests++;
        try {
            return monica.fetch(fetch);
        } catch (ActivityFailure failure) {
            return failedAttempt(failure);
        } finally {
            window.release();
        }
    }

    private static MonicaFetched failedAttempt(ActivityFailure failure) {
        if (failure.getCause() instanceof CanceledFailure cancelled) {
            throw cancelled;
        }
        return MonicaFetched.failed(new MonicaCall(MonicaCall.Outcome.TRANSIENT, 0, 0,
                "activity failed: " + failure.getCause().getClass().getSimpleName()));
    }

    public RequestWindow window() {
        return window;
    }

    /** Wall time (workflow time) during which at least one call waited for the credential's budget. */
    public long waitedMillis() {
        return waitedMillis;
    }

    /** What a call is waiting for now ("the credential's budget until T"), or null when nothing waits. */
    public BudgetWaiting waiting() {
        return waiting;
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
