package dev.kinflow.backfill;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Totals of a finished backfill.
 *
 * @param scanned   rows looked at
 * @param changed   rows changed (in a dry run: that would change)
 * @param unchanged rows already correct
 * @param failed    rows that could not be repaired and failed steps
 * @param runs      workflow runs this backfill took (1 + continue-as-new count)
 */
public record BackfillResult(long scanned, long changed, long unchanged, long failed, int runs) {

    public Map<String, Object> toSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scanned", scanned);
        summary.put("changed", changed);
        summary.put("unchanged", unchanged);
        summary.put("failed", failed);
        return summary;
    }
}
