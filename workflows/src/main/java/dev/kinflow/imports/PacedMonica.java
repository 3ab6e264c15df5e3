package dev.kinflow.imports;

import dev.kinflow.common.ProgressReporter;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.jobs.FailedStep;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Workflow-side Monica caller. Every attempt draws from the credential's request budget, which belongs to the
 * credential and not to this run (a ledger in PostgreSQL shared by every import, child, re-import and worker process,
 * see {@link MonicaImportActivities#fetchWithinBudget}): when the budget has no free slot yet, the activity says how
 * long to wait and this caller sleeps a durable timer, then asks again for the same slot. Retries are decided here,
 * never by Temporal (one attempt per activity), so each one is counted. A 429 blocks the budget until its
 * {@code Retry-After} (for every user of the credential); transient failures back off exponentially (1 s … 60 s); a
 * 401 fails the import. Imports started before the budget (workflow version {@link #CREDENTIAL_BUDGET} absent) keep
 * pacing in their own {@link RequestWindow}.
 *
 * <p>Every wait shows in the job's progress as {@code waiting {reason, until}}: the budget ("waiting for the
 * credential's request budget until …"), a 429, and each backoff, e.g. "Monica unreachable (connection refused
 * (127.0.0.1:1)), retry 3 of 10 at 12:03:17 UTC (listing page 1)" — the retries are the workflow's own (a per-attempt
 * policy driven here rather than SDK retries), so it knows the attempt number and the time of the next one without
 * heartbeats or database writes from the activity. Workflow code only.
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
    /** Workflow version from which a call that finds Monica gone after all its attempts ends the job. */
    static final String MONICA_GONE_FAILS = "monica-gone-fails";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

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
    private final ProgressReporter progress;

    /**
     * @param window            the run's own window, used only by imports started before the budget
     * @param requestsPerMinute the most requests in any 60 s window of the credential's budget
     */
    public PacedMonica(RequestWindow window, int requestsPerMinute) {
        this(window, requestsPerMinute, null);
    }

    /** With a progress reporter that shows every wait (budget, 429, backoff) as the job's {@code waiting}. */
    public PacedMonica(RequestWindow window, int requestsPerMinute, ProgressReporter progress) {
        this.window = window;
        this.requestsPerMinute = requestsPerMinute;
        this.progress = progress;
        this.budgeted = Workflow.getVersion(CREDENTIAL_BUDGET, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * Calls Monica until the call succeeds, is final, or failed {@code attempts} times transiently. A rejected token
     * fails the job at once ({@code MonicaTokenRejected}); so does Monica being gone after all the attempts.
     */
    public MonicaFetched call(MonicaFetch fetch, int attempts) {
        int failures = 0;
        int limited = 0;
        int made = 0;
        while (true) {
            MonicaFetched result = budgeted ? sendWithinBudget(fetch) : sendInWindow(fetch);
            made++;
            resumed();
            switch (result.call().outcome()) {
                case UNAUTHORIZED -> throw FailedStep.nonRetryable(MonicaProblem.TOKEN_REJECTED.type(),
                        "Monica rejected the API token (HTTP " + result.call().httpStatus() + ")", step(fetch), made);
                case RATE_LIMITED -> {
                    rateLimited++;
                    if (!budgeted) {
                        window.blockFor(result.call().retryAfterSeconds());
                    }
                    if (++limited >= MAX_RATE_LIMITED) {
                        return result;
                    }
                    long until = Workflow.currentTimeMillis() + Math.max(1, result.call().retryAfterSeconds()) * 1000L;
                    waiting(result.call().describe() + ", next request at " + CLOCK.format(Instant.ofEpochMilli(until))
                            + " UTC", until);
                }
                case TRANSIENT -> {
                    if (++failures >= attempts) {
                        if (monicaGone(result.call())) {
                            throw FailedStep.nonRetryable(result.call().problemOrGuess().type(),
                                    result.call().describe(), step(fetch), made);
                        }
                        return result;
                    }
                    retried++;
                    Duration backoff = Duration.ofSeconds(Math.min(60, 1L << Math.min(6, failures - 1)));
                    long next = Workflow.currentTimeMillis() + backoff.toMillis();
                    waiting(result.call().describe() + ", retry " + (failures + 1) + " of " + attempts + " at "
                            + CLOCK.format(Instant.ofEpochMilli(next)) + " UTC (" + step(fetch) + ")", next);
                    Workflow.sleep(backoff);
                    resumed();
                }
                default -> {
                    return result;
                }
            }
        }
    }

    /**
     * Like {@link #call}, for a request the job cannot do without: anything but success fails the job with the
     * call's problem as the error type, the step and the attempts made.
     */
    public MonicaFetched callOrFail(MonicaFetch fetch, int attempts) {
        MonicaFetched result = call(fetch, attempts);
        if (result.call().outcome() != MonicaCall.Outcome.OK) {
            MonicaProblem problem = result.call().problemOrGuess();
            throw FailedStep.nonRetryable(problem == null ? "MonicaNotFound" : problem.type(),
                    result.call().describe(), step(fetch),
                    result.call().outcome() == MonicaCall.Outcome.TRANSIENT ? attempts : 1);
        }
        return result;
    }

    /**
     * After a call used up its attempts: is Monica itself gone (nothing answers, the name does not resolve, TLS
     * fails) rather than one request failing? Then every further call would fail the same way after minutes of
     * retries, so the job ends with that reason. Imports started before {@link #MONICA_GONE_FAILS} carried on.
     */
    private static boolean monicaGone(MonicaCall call) {
        MonicaProblem problem = call.problemOrGuess();
        boolean gone = problem == MonicaProblem.UNREACHABLE || problem == MonicaProblem.UNKNOWN_HOST
                || problem == MonicaProblem.TLS;
        return gone && Workflow.getVersion(MONICA_GONE_FAILS, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
    }

    /** The step a request belongs to, for errors and waiting reasons: ids and pages only. */
    public static String step(MonicaFetch fetch) {
        return switch (fetch.target()) {
            case CONTACTS -> "listing page " + fetch.page();
            case NEWEST_CONTACTS -> "newest listing page";
            case TOTAL -> "counting contacts";
            case CONTACT -> "fetching contact " + fetch.contactId() + " (" + fetch.via() + ")";
            case PHOTOS -> "photos page " + fetch.page();
            case NOTES, ACTIVITIES, REMINDERS, TASKS -> fetch.contactId() == 0
                    ? fetch.target().pathName() + " page " + fetch.page()
                    : fetch.target().pathName() + " of contact " + fetch.contactId() + " page " + fetch.page();
        };
    }

    private void waiting(String reason, long untilMillis) {
        if (progress != null) {
            progress.waiting(reason, Instant.ofEpochMilli(untilMillis));
        }
    }

    private void resumed() {
        if (progress != null) {
            progress.resumed();
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
        waiting((wait.reason() == BudgetWait.Reason.RETRY_AFTER ? "Monica rate limit (HTTP 429) on this token"
                : "the credential's request budget (" + requestsPerMinute + "/min) is used up") + ", next request at "
                + CLOCK.format(Instant.ofEpochMilli(now + millis)) + " UTC", now + millis);
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
        return MonicaFetched.failed(MonicaCall.transientFailure(
                failure.getCause() instanceof TimeoutFailure ? MonicaProblem.TIMEOUT : MonicaProblem.WORKER_ERROR, 0,
                "request attempt failed: " + failure.getCause().getClass().getSimpleName()));
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
