package dev.kinflow.reset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a reset did.
 *
 * @param cancelledJobs  running jobs of the account that were cancelled
 * @param terminatedJobs of those, the ones that did not close within the grace period and were terminated
 * @param withdrawnItems queued items withdrawn (e.g. outreach messages not yet sent)
 * @param deleted        rows deleted per table
 * @param recreated      singletons the bootstrap provisioned again
 */
public record ResetResult(int cancelledJobs, int terminatedJobs, long withdrawnItems, Map<String, Long> deleted,
                          List<String> recreated) {

    public ResetResult {
        deleted = Map.copyOf(deleted);
        recreated = List.copyOf(recreated);
    }

    public long totalDeleted() {
        return deleted.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Object> toSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("cancelledJobs", cancelledJobs);
        summary.put("terminatedJobs", terminatedJobs);
        summary.put("withdrawnItems", withdrawnItems);
        summary.put("deletedTotal", totalDeleted());
        summary.put("deleted", new TreeMap<>(deleted));
        summary.put("recreated", recreated);
        return summary;
    }
}
