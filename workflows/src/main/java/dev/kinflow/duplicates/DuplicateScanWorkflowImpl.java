package dev.kinflow.duplicates;

import dev.kinflow.common.JobProgress;
import dev.kinflow.common.ProgressReporter;
import dev.kinflow.jobs.BoundedRetries;
import dev.kinflow.jobs.JobTracking;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

public class DuplicateScanWorkflowImpl implements DuplicateScanWorkflow {

    /** Source contacts per chunk activity (heartbeating every batch inside it). */
    static final int CHUNK = 5_000;
    /** Chunks per run before continuing as new, keeping each run's history small. */
    static final int CHUNKS_PER_RUN = 100;

    /** Bounded: a chunk that fails {@link BoundedRetries#ATTEMPTS} times ends the scan failed with its reason. */
    private static final RetryOptions RETRY = BoundedRetries.DATABASE_STEP;

    private final DuplicateScanActivities quick = Workflow.newActivityStub(DuplicateScanActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).setRetryOptions(RETRY).build());

    private final DuplicateScanActivities chunks = Workflow.newActivityStub(DuplicateScanActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setHeartbeatTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RETRY)
                    .build());

    private final ProgressReporter progress = new ProgressReporter();

    @Override
    public DuplicateScanResult scan(DuplicateScanRequest request) {
        return JobTracking.run(request.jobId(), progress::current, () -> run(request),
                result -> Map.of("contactsScanned", result.contactsScanned(), "candidates", result.candidates(),
                        "full", request.full(), "skippedKeys", result.skippedKeys()));
    }

    private DuplicateScanResult run(DuplicateScanRequest request) {
        ScanCursor cursor = request.cursor();
        if (cursor == null) {
            progress.report("planning", "planning the scan");
            ScanPlan plan = quick.planScan(new ScanPlanRequest(request.accountId(), request.full()));
            cursor = new ScanCursor(plan, 0, 0, 0);
        }
        ScanPlan plan = cursor.plan();
        report(cursor);
        for (int chunk = 0; ; chunk++) {
            if (chunk >= CHUNKS_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.continueAsNew(new DuplicateScanRequest(request.accountId(), request.jobId(), request.full(),
                        cursor));
            }
            ScanChunkResult result = chunks.scanChunk(
                    new ScanChunk(request.accountId(), plan.since(), cursor.afterId(), CHUNK));
            cursor = new ScanCursor(plan, Math.max(cursor.afterId(), result.lastId()),
                    cursor.scanned() + result.scanned(), cursor.candidates() + result.candidates());
            report(cursor);
            if (result.done()) {
                break;
            }
        }
        ScanFinish finished = quick.finishScan(new ScanFinish(request.accountId(), plan, plan.since() == null));
        progress.report("done", "compared " + cursor.scanned() + " contacts, " + cursor.candidates()
                + " candidate pairs written");
        return new DuplicateScanResult(cursor.scanned(), cursor.candidates(),
                finished == null ? null : finished.skippedKeys());
    }

    private void report(ScanCursor cursor) {
        long total = Math.max(cursor.plan().sources(), cursor.scanned());
        progress.report("scanning", (cursor.plan().since() == null ? "full" : "incremental") + " scan: compared "
                        + cursor.scanned() + "/" + total + " contacts, " + cursor.candidates() + " candidate pairs",
                cursor.scanned(), total, Map.of("candidates", cursor.candidates()));
    }

    @Override
    public JobProgress progress() {
        return progress.current();
    }
}
