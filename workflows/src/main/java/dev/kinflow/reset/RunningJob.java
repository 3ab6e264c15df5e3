package dev.kinflow.reset;

/**
 * A job of the account that was running when the reset looked ({@code job_runs} row).
 *
 * @param jobId      the {@code job_runs} id
 * @param workflowId its workflow id
 * @param kind       its job kind
 */
public record RunningJob(String jobId, String workflowId, String kind) {
}
