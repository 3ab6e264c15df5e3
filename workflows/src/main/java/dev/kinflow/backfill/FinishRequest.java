package dev.kinflow.backfill;

import dev.kinflow.jobs.JobStatus;

/**
 * Records the final status of a backfill.
 *
 * @param backfillId the {@code backfill_runs} id
 * @param status     completed, cancelled or failed
 */
public record FinishRequest(String backfillId, JobStatus status) {
}
