package dev.kinflow.outreach;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a batch ended.
 *
 * @param status completed or cancelled
 * @param counts sent, failed, skipped, cancelled
 */
public record OutreachBatchResult(String status, Map<String, Long> counts) {

    public Map<String, Object> toSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", status);
        summary.put("counts", counts);
        return summary;
    }
}
