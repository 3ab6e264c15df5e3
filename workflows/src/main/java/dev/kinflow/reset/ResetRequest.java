package dev.kinflow.reset;

/**
 * Input of {@link AccountResetWorkflow}.
 *
 * @param accountId          the account to reset
 * @param jobId              the {@code job_runs} row tracking this reset
 * @param actor              who asked for it, e.g. {@code api-key:12} (an id, never a secret)
 * @param cancelGraceSeconds how long running jobs get to close after their cancellation before being terminated
 * @param pollSeconds        how often the workflow checks whether cancelled jobs have closed
 */
public record ResetRequest(String accountId, String jobId, String actor, int cancelGraceSeconds, int pollSeconds) {
}
