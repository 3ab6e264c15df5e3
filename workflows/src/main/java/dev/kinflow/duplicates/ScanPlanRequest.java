package dev.kinflow.duplicates;

/**
 * Input of {@link DuplicateScanActivities#planScan}.
 *
 * @param accountId the account
 * @param full      true to compare every contact even when a previous scan exists
 */
public record ScanPlanRequest(String accountId, boolean full) {
}
