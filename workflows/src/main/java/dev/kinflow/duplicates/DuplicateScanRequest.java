package dev.kinflow.duplicates;

/**
 * Input of {@link DuplicateScanWorkflow}.
 *
 * @param accountId the account to scan
 * @param jobId     the {@code job_runs} row tracking this scan
 * @param full      true: compare every contact; false: only contacts created or changed since the previous scan
 * @param cursor    where a continued run resumes (null when a scan starts)
 */
public record DuplicateScanRequest(String accountId, String jobId, boolean full, ScanCursor cursor) {

    public DuplicateScanRequest(String accountId, String jobId, boolean full) {
        this(accountId, jobId, full, null);
    }
}
