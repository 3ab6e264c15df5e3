package dev.kinflow.backfill;

import java.util.UUID;

/** The answer of {@code POST /api/backfills} and {@code /admin/backfills}. */
public record BackfillStarted(UUID id, String workflowId) {
}
