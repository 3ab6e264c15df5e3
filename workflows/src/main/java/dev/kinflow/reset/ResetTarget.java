package dev.kinflow.reset;

/**
 * The account being reset and the reset's own job.
 *
 * @param accountId the account
 * @param jobId     the reset's {@code job_runs} id
 */
public record ResetTarget(String accountId, String jobId) {
}
