package dev.kinflow.jobs;

import java.time.Instant;

/**
 * Why a job failed, readable without the Temporal Web UI. Never carries secrets or contact data: types, ids, hosts,
 * HTTP statuses and counts only.
 *
 * @param type     a stable machine-readable cause, e.g. {@code MonicaUnreachable}, {@code MonicaTokenRejected},
 *                 {@code WorkflowLost}
 * @param message  one human-readable line, e.g. "connection refused (127.0.0.1:1)"
 * @param step     the activity or phase that failed, e.g. "listing page 1", or null when unknown
 * @param attempts how many attempts were made before giving up, or null when unknown
 * @param at       when the job gave up
 */
public record JobError(String type, String message, String step, Integer attempts, Instant at) {
}
