package dev.kinflow.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.kinflow.jobs.BoundedRetries;
import dev.kinflow.jobs.JobActivities;
import dev.kinflow.jobs.JobError;
import dev.kinflow.jobs.JobOutcome;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.testing.Histories;
import dev.kinflow.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class BackfillWorkflowTest {

    private TestWorkflowEnvironment env;
    private BackfillActivities activities;
    private JobActivities jobs;

    @BeforeEach
    void setUp() {
        activities = WorkflowTestEnv.mockActivities(BackfillActivities.class);
        jobs = WorkflowTestEnv.mockActivities(JobActivities.class);
        env = WorkflowTestEnv.started(BackfillWorkflowImpl.class, activities, jobs);
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private BackfillWorkflow stub(String id) {
        return env.getWorkflowClient().newWorkflowStub(BackfillWorkflow.class,
                WorkflowTestEnv.jobOptions(BackfillWorkflow.workflowId(id), "acc-1", BackfillWorkflow.KIND));
    }

    private static BackfillRequest request(String id, int maxRowsPerSecond, int batchesPerRun, boolean bestEffort) {
        return new BackfillRequest(id, "job-" + id, maxRowsPerSecond, batchesPerRun, bestEffort,
                BatchResult.start("phones"), false, 1, 0);
    }

    /** Batches of 100 rows at cursors "1", "2", …, finished after {@code batches}. */
    private void batches(int batches) {
        AtomicInteger done = new AtomicInteger();
        when(activities.runBatch(any())).thenAnswer(call -> {
            int n = done.incrementAndGet();
            return n >= batches ? new BatchResult(null, null, true, 100, n * 100L, n * 10L, n * 90L, 0)
                    : new BatchResult("phones", Integer.toString(n), false, 100, n * 100L, n * 10L, n * 90L, 0);
        });
        when(activities.finish(any())).thenAnswer(call -> new BatchResult(null, null, true, 0, batches * 100L,
                batches * 10L, batches * 90L, 0));
    }

    @Test
    void walksEveryBatchInOrderContinuesAsNewAndCompletesTheJob() {
        batches(5);
        BackfillResult result = stub("b1").run(request("b1", 0, 2, false));

        assertThat(result).isEqualTo(new BackfillResult(500, 50, 450, 0, 3));
        ArgumentCaptor<BatchRequest> requests = ArgumentCaptor.forClass(BatchRequest.class);
        verify(activities, times(5)).runBatch(requests.capture());
        assertThat(requests.getAllValues()).extracting(BatchRequest::cursor)
                .containsExactly(null, "1", "2", "3", "4");
        verify(activities).finish(new FinishRequest("b1", JobStatus.COMPLETED));
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcome.getValue().summary()).containsEntry("changed", 50);

        Histories.record(env.getWorkflowClient(), BackfillWorkflow.workflowId("b1"), "backfill");
    }

    @Test
    void throttlingWaitsOnDurableTimersBetweenBatches() {
        batches(4);
        long start = env.currentTimeMillis();
        stub("b2").run(request("b2", 10, 500, false));
        assertThat(env.currentTimeMillis() - start).as("4 batches of 100 rows at 10 rows/s")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(40).toMillis());
        Histories.record(env.getWorkflowClient(), BackfillWorkflow.workflowId("b2"), "backfill-throttled");
    }

    @Test
    void pauseIsAcknowledgedStopsNewBatchesAndResumeContinues() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        when(activities.runBatch(any())).thenAnswer(call -> {
            int n = done.incrementAndGet();
            if (n == 1) {
                firstBatchStarted.countDown();
                releaseFirstBatch.await(30, TimeUnit.SECONDS);
            }
            return new BatchResult(n >= 3 ? null : "phones", Integer.toString(n), n >= 3, 10, n * 10L, 0, n * 10L, 0);
        });
        when(activities.finish(any())).thenReturn(new BatchResult(null, null, true, 0, 30, 0, 30, 0));
        BackfillWorkflow workflow = stub("b3");
        WorkflowClient.start(workflow::run, request("b3", 0, 500, false));
        assertThat(firstBatchStarted.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(workflow.pause().paused()).isTrue();
        releaseFirstBatch.countDown();
        env.sleep(Duration.ofHours(1));
        assertThat(workflow.progress().phase()).isEqualTo("paused");
        assertThat(workflow.progress().waiting().reason()).startsWith("paused until resumed");
        assertThat(workflow.progress().waiting().until()).isNull();
        verify(activities, times(1)).runBatch(any());

        assertThat(workflow.resume().paused()).isFalse();
        BackfillResult result = WorkflowStub.fromTyped(workflow).getResult(BackfillResult.class);
        assertThat(result.scanned()).isEqualTo(30);
        verify(activities, times(3)).runBatch(any());
        Histories.record(env.getWorkflowClient(), BackfillWorkflow.workflowId("b3"), "backfill-paused");
    }

    @Test
    void cancelStopsBeforeTheNextBatchAndRecordsCancelled() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        when(activities.runBatch(any())).thenAnswer(call -> {
            firstBatchStarted.countDown();
            return new BatchResult("phones", "1", false, 10, 10, 0, 10, 0);
        });
        when(activities.finish(any())).thenReturn(new BatchResult(null, null, true, 0, 10, 0, 10, 0));
        BackfillWorkflow workflow = stub("b4");
        WorkflowClient.start(workflow::run, request("b4", 0, 500, false));
        workflow.pause();
        assertThat(firstBatchStarted.await(30, TimeUnit.SECONDS)).isTrue();

        WorkflowStub.fromTyped(workflow).cancel();
        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(BackfillResult.class))
                .isInstanceOf(WorkflowFailedException.class).hasCauseInstanceOf(CanceledFailure.class);
        verify(activities).finish(new FinishRequest("b4", JobStatus.CANCELLED));
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aBestEffortStepThatKeepsFailingIsSkippedAndTheRestRuns() {
        when(activities.runBatch(any())).thenAnswer(call -> {
            BatchRequest request = call.getArgument(0);
            if (request.step().equals("phones")) {
                throw new IllegalStateException("table is broken");
            }
            return new BatchResult(null, null, true, 5, 5, 1, 4, 1);
        });
        when(activities.skipStep(any())).thenReturn(new BatchResult("next", null, false, 0, 0, 0, 0, 1));
        when(activities.finish(any())).thenReturn(new BatchResult(null, null, true, 0, 5, 1, 4, 1));

        BackfillResult result = stub("b5").run(request("b5", 0, 500, true));

        assertThat(result.failed()).isEqualTo(1);
        verify(activities).skipStep(new StepFailure("b5", "phones", null, "ApplicationFailure"));
        verify(activities, times(11)).runBatch(any());
    }

    @Test
    void aFailingBatchOfAStrictKindFailsTheBackfillAfterItsRetries() {
        when(activities.runBatch(any())).thenThrow(new IllegalStateException("broken"));
        when(activities.finish(any())).thenReturn(new BatchResult(null, null, true, 0, 0, 0, 0, 0));

        assertThatThrownBy(() -> stub("b6").run(request("b6", 0, 500, false)))
                .isInstanceOf(WorkflowFailedException.class);
        verify(activities).finish(new FinishRequest("b6", JobStatus.FAILED));
        verify(activities, never()).skipStep(any());
        verify(jobs, atLeastOnce()).finish(any());
    }

    @Test
    void theUniqueIndexStepRunsAsItsOwnActivity() {
        when(activities.runBatch(any())).thenReturn(
                new BatchResult(BackfillSteps.UNIQUE_INDEX, null, false, 3, 3, 1, 2, 0));
        when(activities.buildUniqueIndex(any())).thenReturn(new BatchResult(null, null, true, 0, 3, 1, 2, 0));
        when(activities.finish(any())).thenReturn(new BatchResult(null, null, true, 0, 3, 1, 2, 0));

        stub("b7").run(request("b7", 0, 500, false));

        verify(activities).buildUniqueIndex(new BatchRequest("b7", BackfillSteps.UNIQUE_INDEX, null));
    }

    @Test
    void aBatchThatNeverSucceedsEndsTheJobFailedWithTheReasonAfterItsBoundedAttempts() {
        when(activities.runBatch(any())).thenThrow(new IllegalStateException("poison row of contact Ada Byron"));
        when(activities.finish(any())).thenReturn(new BatchResult(null, null, true, 0, 0, 0, 0, 0));

        assertThatThrownBy(() -> stub("b9").run(request("b9", 0, 500, false)))
                .isInstanceOf(WorkflowFailedException.class);

        verify(activities, times(10)).runBatch(any());
        JobError error = failure();
        assertThat(error.type()).isEqualTo("IllegalStateException");
        assertThat(error.step()).isEqualTo("activity BackfillRunBatch during phones");
        assertThat(error.toString()).doesNotContain("Ada");
    }

    @Test
    void aKnownPermanentFailureEndsTheJobAtTheFirstAttempt() {
        when(activities.runBatch(any())).thenThrow(
                ApplicationFailure.newNonRetryableFailure("no backfill step named phones", "UnknownStep"));
        when(activities.finish(any())).thenReturn(new BatchResult(null, null, true, 0, 0, 0, 0, 0));

        assertThatThrownBy(() -> stub("b10").run(request("b10", 0, 500, false)))
                .isInstanceOf(WorkflowFailedException.class);

        verify(activities, times(1)).runBatch(any());
        JobError error = failure();
        assertThat(error.type()).isEqualTo("UnknownStep");
        assertThat(error.message()).isEqualTo("no backfill step named phones");
    }

    @Test
    void bookkeepingThatNeverSucceedsEndsTheJobFailedAfterBoundedAttempts() {
        batches(1);
        when(activities.finish(any())).thenThrow(new IllegalStateException("database refuses the row"));

        assertThatThrownBy(() -> stub("b11").run(request("b11", 0, 500, false)))
                .isInstanceOf(WorkflowFailedException.class);

        verify(activities, times(BoundedRetries.ATTEMPTS)).finish(new FinishRequest("b11", JobStatus.COMPLETED));
        verify(activities, times(BoundedRetries.ATTEMPTS)).finish(new FinishRequest("b11", JobStatus.FAILED));
        assertThat(WorkflowTestEnv.runTime(env, BackfillWorkflow.workflowId("b11")))
                .isBetween(Duration.ofMinutes(20), Duration.ofMinutes(30));
        JobError error = failure();
        assertThat(error.type()).isEqualTo("IllegalStateException");
        assertThat(error.step()).isEqualTo("activity BackfillFinish during finishing");
    }

    private JobError failure() {
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.FAILED);
        assertThat(outcome.getValue().failure().at()).isNotNull();
        return outcome.getValue().failure();
    }
}
