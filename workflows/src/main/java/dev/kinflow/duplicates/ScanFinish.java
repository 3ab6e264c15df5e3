package dev.kinflow.duplicates;

/**
 * Input of {@link DuplicateScanActivities#finishScan}.
 *
 * @param accountId the account
 * @param plan      the plan of the scan that finished
 * @param full      whether it was a full scan
 */
public record ScanFinish(String accountId, ScanPlan plan, boolean full) {
}
