package dev.kinflow.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A job as the REST API shows it. */
public record JobView(UUID id, UUID accountId, String kind, String status, String workflowId, Instant createdAt,
                      Instant finishedAt, Map<String, Object> progress, Map<String, Object> summary, String error) {

    public static JobView of(JobRun run, Map<String, Object> progress) {
        return new JobView(run.id(), run.accountId(), run.kind(), run.status().dbValue(), run.workflowId(),
                run.createdAt(), run.finishedAt(), progress, run.summary() == null ? Map.of() : run.summary(),
                run.error());
    }
}
