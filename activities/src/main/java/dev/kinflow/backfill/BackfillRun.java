package dev.kinflow.backfill;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code backfill_runs}; {@code report} is the stored JSON as a map. */
public record BackfillRun(UUID id, UUID accountId, UUID jobId, String kind, boolean dryRun, int batchSize,
                          Integer maxRowsPerSecond, String status, String step, String cursor, long batches,
                          long scanned, long changed, long unchanged, long failed, Map<String, Object> report,
                          Instant createdAt, Instant finishedAt) {

    public BackfillKind backfillKind() {
        return BackfillKind.fromWireName(kind).orElseThrow();
    }

    public BackfillScope scope() {
        return new BackfillScope(id, accountId, dryRun, batchSize);
    }

    public boolean isFinal() {
        return !status.equals("running") && !status.equals("paused");
    }

    /** The position and totals as the workflow sees them. */
    public BatchResult position(long batchRows) {
        return new BatchResult(step, cursor, step == null, batchRows, scanned, changed, unchanged, failed);
    }
}
