package dev.kinflow.imports;

/**
 * How one Monica request went, as the activity that made it classifies it. The workflow decides what happens next:
 * {@code RATE_LIMITED} waits {@code retryAfterSeconds}, {@code TRANSIENT} (5xx, timeout, reset, truncated or invalid
 * body) backs off and retries, {@code UNAUTHORIZED} fails the import, {@code NOT_FOUND} is a deleted entity.
 *
 * @param outcome           the class of result
 * @param httpStatus        the HTTP status, or 0 when none was received
 * @param retryAfterSeconds the 429's {@code Retry-After}, else 0
 * @param detail            a short reason without any data (e.g. "HTTP 502", "truncated body")
 */
public record MonicaCall(Outcome outcome, int httpStatus, int retryAfterSeconds, String detail) {

    public enum Outcome { OK, NOT_FOUND, RATE_LIMITED, TRANSIENT, UNAUTHORIZED, REJECTED }

    public static MonicaCall ok() {
        return new MonicaCall(Outcome.OK, 200, 0, "ok");
    }
}
