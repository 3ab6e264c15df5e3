package dev.kinflow.outreach;

import java.util.Map;

/**
 * Input of {@link OutreachBatchWorkflow}: the batch, and on continue-as-new the state carried over.
 *
 * @param accountId   the account
 * @param batchId     the batch
 * @param jobId       the {@code job_runs} row
 * @param itemsPerRun items dispatched per run before continuing as new (bounds the history)
 * @param carried     the state of the previous run, or null for the first run
 */
public record OutreachBatchRequest(String accountId, long batchId, String jobId, int itemsPerRun, Carried carried) {

    public static final int DEFAULT_ITEMS_PER_RUN = 250;

    /**
     * @param cursor      the last item id dispatched (or passed over)
     * @param total       items in the batch
     * @param counts      sent, failed, queued, skipped, cancelled
     * @param unconfirmed queued item id → the instant (epoch millis) its ack timeout expires
     * @param paused      the batch is paused
     */
    public record Carried(long cursor, long total, Map<String, Long> counts, Map<Long, Long> unconfirmed,
                          boolean paused) {

        /** The state of a new batch: nothing dispatched yet, {@code skipped} items never to be sent. */
        public static Carried initial(long total, long skipped) {
            return new Carried(0, total, Map.of("skipped", skipped), Map.of(), false);
        }
    }
}
