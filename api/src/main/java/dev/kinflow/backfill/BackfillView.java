package dev.kinflow.backfill;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** What {@code GET /api/backfills/{id}} shows. */
public record BackfillView(UUID id, String kind, String status, boolean dryRun, String scope, int batchSize,
                           Integer maxRowsPerSecond, String step, long scanned, long changed, long unchanged,
                           long failed, Map<String, Object> report, UUID jobId, String workflowId, Instant createdAt,
                           Instant finishedAt) {

    /** {@code jobStatus}: the job's status, used when the job ended without the backfill recording it. */
    static BackfillView of(BackfillRun run, String jobStatus) {
        String status = !run.isFinal() && jobStatus != null && !jobStatus.equals("running") ? jobStatus
                : run.status();
        return new BackfillView(run.id(), run.kind(), status, run.dryRun(),
                run.accountId() == null ? "all" : "account", run.batchSize(), run.maxRowsPerSecond(), run.step(),
                run.scanned(), run.changed(), run.unchanged(), run.failed(), run.report(), run.jobId(),
                BackfillWorkflow.workflowId(run.id().toString()), run.createdAt(), run.finishedAt());
    }
}
