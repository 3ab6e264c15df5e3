package dev.kinflow.jobs;

import dev.kinflow.common.JobProgress;
import java.util.Map;

/**
 * The final state a workflow writes to its {@code job_runs} row.
 *
 * @param jobId    the {@code job_runs} id
 * @param status   the final status
 * @param progress the last progress value
 * @param summary  counts and ids only (shown by {@code GET /api/jobs/{id}})
 * @param error    a short failure reason without contact data, or null (older workers; see {@code failure})
 * @param failure  the readable failure of a failed job, or null
 */
public record JobOutcome(String jobId, JobStatus status, JobProgress progress, Map<String, Object> summary,
                         String error, JobError failure) {

    public JobOutcome(String jobId, JobStatus status, JobProgress progress, Map<String, Object> summary,
                      String error) {
        this(jobId, status, progress, summary, error, null);
    }
}
