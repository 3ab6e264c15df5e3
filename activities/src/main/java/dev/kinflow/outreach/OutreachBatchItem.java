package dev.kinflow.outreach;

import java.time.Instant;

/** An item of a batch, as {@code GET /api/outreach/batches/{id}/items} lists it. */
public record OutreachBatchItem(long id, long contactId, String toHandle, String status, String skipReason,
                                String error, Instant queuedAt, Instant finishedAt) {
}
