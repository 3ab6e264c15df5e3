package dev.kinflow.backfill;

import java.util.List;
import java.util.Map;

/**
 * What one batch of a step did (or, in a dry run, would do).
 *
 * @param nextCursor where the next batch of this step starts; null when the step is exhausted
 * @param scanned    rows looked at
 * @param changed    rows changed
 * @param unchanged  rows already correct
 * @param failed     rows that could not be repaired
 * @param details    step-specific counts added to the report (e.g. duplicatesRemoved)
 * @param sample     before → after of some changed rows
 */
public record StepBatch(String nextCursor, long scanned, long changed, long unchanged, long failed,
                        Map<String, Long> details, List<SampleEntry> sample) {

    /** One changed row in the report. */
    public record SampleEntry(String table, long id, String before, String after) {
    }
}
