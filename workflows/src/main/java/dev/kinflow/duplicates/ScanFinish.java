package dev.kinflow.duplicates;

import java.util.List;

/**
 * Input of {@link DuplicateScanActivities#finishScan}.
 *
 * @param accountId   the account
 * @param plan        the plan of the scan that finished
 * @param full        whether it was a full scan
 * @param skippedKeys in the activity's answer: the keys shared by more contacts than the scan pairs (largest first,
 *                    at most 20); null in the request, and in the answers of scans recorded before it existed
 */
public record ScanFinish(String accountId, ScanPlan plan, boolean full, List<SkippedKey> skippedKeys) {

    public ScanFinish(String accountId, ScanPlan plan, boolean full) {
        this(accountId, plan, full, null);
    }
}
