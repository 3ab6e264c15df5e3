package dev.kinflow.jobs;

import dev.kinflow.common.Waiting;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A job as the REST API shows it.
 *
 * @param status   running, completed, failed or cancelled
 * @param progress the live progress while it runs, the last one afterwards
 * @param waiting  while it runs: why and until when it waits (the same as {@code progress.waiting}), else null
 * @param summary  the job kind's counts and ids (free-form per kind: see the kind's docs)
 * @param error    why it failed, or null
 * @param retryOf  the job this one retries (a retried import), or null
 */
public record JobView(UUID id, UUID accountId, String kind, String status, String workflowId, Instant createdAt,
                      Instant finishedAt, ProgressView progress, Waiting waiting, Map<String, Object> summary,
                      JobError error, UUID retryOf) {

    /** The job parameter that links a retry to the job it retries. */
    public static final String RETRY_OF_PARAM = "retryOf";

    public static JobView of(JobRun run, ProgressView progress) {
        boolean running = !run.status().isFinal();
        return new JobView(run.id(), run.accountId(), run.kind(), run.status().dbValue(), run.workflowId(),
                run.createdAt(), run.finishedAt(), progress, running && progress != null ? progress.waiting() : null,
                run.summary() == null ? Map.of() : run.summary(), errorOf(run), retryOf(run));
    }

    /** The recorded error; jobs that ended with only a line of text (older rows, launch failures) get it as message. */
    static JobError errorOf(JobRun run) {
        if (run.failure() != null) {
            return run.failure();
        }
        if (run.error() == null) {
            return null;
        }
        return new JobError(run.status() == JobStatus.CANCELLED ? "Cancelled" : "JobFailed", run.error(), null, null,
                run.finishedAt());
    }

    private static UUID retryOf(JobRun run) {
        Object value = run.params() == null ? null : run.params().get(RETRY_OF_PARAM);
        return value == null ? null : UUID.fromString(String.valueOf(value));
    }
}
