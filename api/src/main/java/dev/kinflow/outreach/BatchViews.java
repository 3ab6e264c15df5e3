package dev.kinflow.outreach;

import dev.kinflow.common.Waiting;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The response records of {@code /api/outreach/batches}. */
public final class BatchViews {

    private BatchViews() {
    }

    /** What {@code POST /api/outreach/batches} answers: the batch created, or (dryRun) what it would send. */
    @Schema(oneOf = {Batch.class, DryRun.class})
    public sealed interface Created permits Batch, DryRun {
    }

    /**
     * A batch.
     *
     * @param counts     pending, queued, sent, failed, skipped, cancelled
     * @param nextSendAt when the next message may go out, or null
     * @param waitingFor why nothing goes out right now (quiet hours, a limit, paused, the device), or null
     * @param waiting    the same in the shape every job uses: {@code {reason, until}}, or null
     * @param details    one readable line, e.g. "12/40 sent, waiting: quiet hours"
     */
    public record Batch(long id, String status, long deviceId, int total, Map<String, Long> counts,
                        Instant nextSendAt, String waitingFor, Waiting waiting, String details, UUID jobId,
                        String workflowId, Instant createdAt, Instant finishedAt) implements Created {

        static Batch of(OutreachBatch b) {
            return new Batch(b.id(), b.status(), b.deviceId(), b.total(), b.counts(), b.nextSendAt(), b.waitingFor(),
                    b.waitingFor() == null ? null : new Waiting(b.waitingFor(), b.nextSendAt()),
                    b.counts().get("sent") + "/" + b.total() + " sent"
                            + (b.waitingFor() == null ? "" : ", waiting: " + b.waitingFor()),
                    b.jobId(), OutreachBatchWorkflow.workflowId(b.id()), b.createdAt(), b.finishedAt());
        }

        Batch withJobId(UUID job) {
            return new Batch(id, status, deviceId, total, counts, nextSendAt, waitingFor, waiting, details, job,
                    workflowId, createdAt, finishedAt);
        }
    }

    /** A dry run: rendered previews and skip reasons; nothing is stored or sent. */
    public record DryRun(boolean dryRun, Map<String, Long> counts, List<Preview> previews, List<Skipped> skipped)
            implements Created {
    }

    /** One message a batch would send. */
    public record Preview(long contactId, String toHandle, String body) {
    }

    /** One recipient a batch would skip, and why. */
    public record Skipped(long contactId, String reason) {
    }
}
