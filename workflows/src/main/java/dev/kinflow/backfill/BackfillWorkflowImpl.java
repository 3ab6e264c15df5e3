package dev.kinflow.backfill;

import dev.kinflow.common.JobProgress;
import dev.kinflow.common.ProgressReporter;
import dev.kinflow.jobs.BoundedRetries;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.jobs.JobTracking;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

public class BackfillWorkflowImpl implements BackfillWorkflow {

    private static final RetryOptions BATCH_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofMinutes(1))
            .setMaximumAttempts(10)
            .build();

    private static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofMinutes(2);

    private BackfillActivities batches;

    private final BackfillActivities index = Workflow.newActivityStub(BackfillActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofHours(1))
                    .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(5))
                            .setMaximumAttempts(5).build())
                    .build());

    private final BackfillActivities bookkeeping = Workflow.newActivityStub(BackfillActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(BoundedRetries.DATABASE_STEP)
                    .build());

    private final ProgressReporter progress = new ProgressReporter();
    private BatchResult position;
    private boolean paused;

    @Override
    public BackfillResult run(BackfillRequest request) {
        position = request.position();
        paused = request.paused();
        batches = Workflow.newActivityStub(BackfillActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(request.batchTimeout() > 0 ? Duration.ofSeconds(request.batchTimeout())
                        : DEFAULT_BATCH_TIMEOUT)
                .setRetryOptions(BATCH_RETRIES)
                .build());
        return JobTracking.run(request.jobId(), progress::current, () -> tracked(request), BackfillResult::toSummary);
    }

    private BackfillResult tracked(BackfillRequest request) {
        try {
            return walk(request);
        } catch (CanceledFailure cancelled) {
            Workflow.newDetachedCancellationScope(() -> bookkeeping.finish(
                    new FinishRequest(request.backfillId(), JobStatus.CANCELLED))).run();
            throw cancelled;
        } catch (RuntimeException failure) {
            Workflow.newDetachedCancellationScope(() -> bookkeeping.finish(
                    new FinishRequest(request.backfillId(), JobStatus.FAILED))).run();
            throw failure;
        }
    }

    private BackfillResult walk(BackfillRequest request) {
        int batchesThisRun = 0;
        report();
        while (!position.finished()) {
            if (batchesThisRun >= request.batchesPerRun() || Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.continueAsNew(request.continuedAt(position, paused));
            }
            if (paused) {
                report();
                Workflow.await(() -> !paused);
            }
            long started = Workflow.currentTimeMillis();
            position = nextBatch(request);
            batchesThisRun++;
            report();
            throttle(request.maxRowsPerSecond(), position.batchRows(), started);
        }
        BatchResult last = bookkeeping.finish(new FinishRequest(request.backfillId(), JobStatus.COMPLETED));
        progress.report("done", describe(last), last.scanned(), last.scanned(), counters(last));
        return new BackfillResult(last.scanned(), last.changed(), last.unchanged(), last.failed(),
                request.run());
    }

    private BatchResult nextBatch(BackfillRequest request) {
        BatchRequest batch = new BatchRequest(request.backfillId(), position.step(), position.cursor());
        try {
            return BackfillSteps.UNIQUE_INDEX.equals(position.step())
                    ? index.buildUniqueIndex(batch) : batches.runBatch(batch);
        } catch (ActivityFailure failure) {
            if (!request.bestEffortSteps()) {
                throw failure;
            }
            String reason = failure.getCause() == null ? "unknown" : failure.getCause().getClass().getSimpleName();
            return bookkeeping.skipStep(new StepFailure(request.backfillId(), position.step(), position.cursor(),
                    reason));
        }
    }

    /** Sleeps (a durable timer) so that the rows of the batch just done take at least rows / maxRowsPerSecond. */
    private void throttle(int maxRowsPerSecond, long rows, long startedMillis) {
        if (maxRowsPerSecond <= 0 || rows <= 0) {
            return;
        }
        long minimumMillis = rows * 1000 / maxRowsPerSecond;
        long elapsed = Workflow.currentTimeMillis() - startedMillis;
        if (elapsed < minimumMillis) {
            progress.waiting("throttled to " + maxRowsPerSecond + " rows/s",
                    Instant.ofEpochMilli(startedMillis + minimumMillis));
            Workflow.sleep(Duration.ofMillis(minimumMillis - elapsed));
            progress.resumed();
        }
    }

    private void report() {
        String text = (paused ? "paused at " : "") + describe(position);
        progress.report(paused ? "paused" : position.step() == null ? "finishing" : position.step(), text,
                position.scanned(), 0, counters(position));
        if (paused) {
            progress.waiting("paused until resumed (POST /api/backfills/{id}/resume)", null);
        }
    }

    private static String describe(BatchResult p) {
        return (p.step() == null ? "" : p.step() + ": ") + p.scanned() + " scanned, " + p.changed() + " changed, "
                + p.unchanged() + " unchanged, " + p.failed() + " failed";
    }

    private static Map<String, Long> counters(BatchResult p) {
        return Map.of("scanned", p.scanned(), "changed", p.changed(), "unchanged", p.unchanged(),
                "failed", p.failed());
    }

    @Override
    public BackfillControl pause() {
        paused = true;
        return new BackfillControl(true, position == null ? null : position.step());
    }

    @Override
    public BackfillControl resume() {
        paused = false;
        return new BackfillControl(false, position == null ? null : position.step());
    }

    @Override
    public JobProgress progress() {
        return progress.current();
    }
}
