package dev.kinflow.common;

import java.time.Instant;

/**
 * Why a job is not making progress right now and until when it expects to wait: a transient failure being retried,
 * a 429's {@code Retry-After}, a request budget, quiet hours, a paused run. One shape for every job kind.
 *
 * @param reason one human-readable line without secrets or contact data, e.g.
 *               "Monica unreachable (connection refused (127.0.0.1:1)), retry 3 of 10 at 12:03:17"
 * @param until  when the wait ends (the next attempt, the end of quiet hours), or null when it waits for someone
 *               (e.g. a paused batch waits for resume)
 */
public record Waiting(String reason, Instant until) {
}
