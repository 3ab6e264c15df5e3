package dev.kinflow.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * Which jobs a list shows; every null field selects all.
 *
 * @param accountId one account's jobs (null: every account, admin only)
 * @param kind      one job kind, e.g. {@code import}
 * @param status    one status
 * @param from      created at or after
 * @param to        created before
 */
public record JobFilter(UUID accountId, String kind, JobStatus status, Instant from, Instant to) {
}
