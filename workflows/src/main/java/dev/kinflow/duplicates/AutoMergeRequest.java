package dev.kinflow.duplicates;

/**
 * Input of {@link AutoMergeActivities#autoMergeImported}.
 *
 * @param accountId the account
 * @param jobId     the import job whose contacts are considered ({@code import_records.job_id})
 */
public record AutoMergeRequest(String accountId, String jobId) {
}
