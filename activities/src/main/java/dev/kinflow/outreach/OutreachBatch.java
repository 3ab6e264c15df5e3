package dev.kinflow.outreach;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A batch with its item counts (pending, queued, sent, failed, skipped, cancelled).
 *
 * @param nextSendAt when the batch next asks for a send slot, if it is waiting
 * @param waitingFor why it waits, e.g. "quiet hours until 08:00 Europe/Paris"
 */
public record OutreachBatch(long id, UUID accountId, long deviceId, String status, int total, UUID jobId,
                            Instant nextSendAt, String waitingFor, Map<String, Long> counts, Instant createdAt,
                            Instant finishedAt) {
}
