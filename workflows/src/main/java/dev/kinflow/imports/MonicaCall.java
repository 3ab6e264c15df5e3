package dev.kinflow.imports;

/**
 * How one Monica request went, as the activity that made it classifies it. The workflow decides what happens next:
 * {@code RATE_LIMITED} waits {@code retryAfterSeconds}, {@code TRANSIENT} (5xx, timeout, refused or reset
 * connection, truncated or invalid body) backs off and retries, {@code UNAUTHORIZED} fails the import,
 * {@code NOT_FOUND} is a deleted entity.
 *
 * @param outcome           the class of result
 * @param httpStatus        the HTTP status, or 0 when none was received
 * @param retryAfterSeconds the 429's {@code Retry-After}, else 0
 * @param detail            a short reason without any data (e.g. "HTTP 502", "connection refused (127.0.0.1:1)")
 * @param problem           what went wrong, for failures (null when OK or NOT_FOUND, and in histories recorded
 *                          before it existed)
 */
public record MonicaCall(Outcome outcome, int httpStatus, int retryAfterSeconds, String detail,
                         MonicaProblem problem) {

    public enum Outcome { OK, NOT_FOUND, RATE_LIMITED, TRANSIENT, UNAUTHORIZED, REJECTED }

    /** A call whose problem follows from its outcome and status (see {@link #problemOrGuess}). */
    public MonicaCall(Outcome outcome, int httpStatus, int retryAfterSeconds, String detail) {
        this(outcome, httpStatus, retryAfterSeconds, detail, null);
    }

    public static MonicaCall ok() {
        return new MonicaCall(Outcome.OK, 200, 0, "ok", null);
    }

    /** A transient failure of the given kind (the workflow retries it). */
    public static MonicaCall transientFailure(MonicaProblem problem, int httpStatus, String detail) {
        return new MonicaCall(Outcome.TRANSIENT, httpStatus, 0, detail, problem);
    }

    /** The problem, also for calls recorded before {@code problem} existed. */
    public MonicaProblem problemOrGuess() {
        if (problem != null) {
            return problem;
        }
        return switch (outcome) {
            case OK, NOT_FOUND -> null;
            case RATE_LIMITED -> MonicaProblem.RATE_LIMITED;
            case UNAUTHORIZED -> MonicaProblem.TOKEN_REJECTED;
            case REJECTED -> MonicaProblem.REQUEST_REJECTED;
            case TRANSIENT -> httpStatus >= 500 || httpStatus == 408 ? MonicaProblem.SERVER_ERROR
                    : httpStatus == 200 ? MonicaProblem.NOT_A_MONICA : MonicaProblem.UNREACHABLE;
        };
    }

    /** One line for a job error or a waiting reason, e.g. "Monica unreachable (connection refused (127.0.0.1:1))". */
    public String describe() {
        MonicaProblem kind = problemOrGuess();
        return kind == null ? detail : kind.label() + " (" + detail + ")";
    }
}
