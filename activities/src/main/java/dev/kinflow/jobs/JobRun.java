package dev.kinflow.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A row of {@code job_runs}. JSON columns are exposed as plain maps; {@code error} is one line, {@code failure} the
 * readable error a failed job recorded (null for jobs that ended before it existed, or without one).
 */
public record JobRun(UUID id, UUID accountId, String kind, String workflowId, JobStatus status,
                     Map<String, Object> params, Map<String, Object> progress, Map<String, Object> summary,
                     String error, Instant createdAt, Instant updatedAt, Instant finishedAt, JobError failure) {
}
