package dev.kinflow.duplicates;

/** Runs a whole scan through the activities, as the workflow does, for activity tests and benchmarks. */
public final class ScanDriver {

    private ScanDriver() {
    }

    public static DuplicateScanResult scan(DuplicateScanActivities activities, String accountId, boolean full,
                                           int chunkSize) {
        ScanPlan plan = activities.planScan(new ScanPlanRequest(accountId, full));
        long after = 0;
        long scanned = 0;
        long written = 0;
        ScanChunkResult chunk;
        do {
            chunk = activities.scanChunk(new ScanChunk(accountId, plan.since(), after, chunkSize));
            after = chunk.lastId();
            scanned += chunk.scanned();
            written += chunk.candidates();
        } while (!chunk.done());
        ScanFinish finished = activities.finishScan(new ScanFinish(accountId, plan, full));
        return new DuplicateScanResult(scanned, written, finished.skippedKeys());
    }
}
