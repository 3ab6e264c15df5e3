package dev.kinflow.accounts;

/**
 * Input of {@link AccountBootstrapWorkflow}.
 *
 * @param accountId the account to provision
 * @param jobId     the {@code job_runs} row tracking this run
 */
public record BootstrapRequest(String accountId, String jobId) {
}
