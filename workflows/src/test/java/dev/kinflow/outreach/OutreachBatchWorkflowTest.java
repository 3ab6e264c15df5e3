package dev.kinflow.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import dev.kinflow.common.TaskQueues;
import dev.kinflow.jobs.BoundedRetries;
import dev.kinflow.jobs.JobActivities;
import dev.kinflow.jobs.JobError;
import dev.kinflow.jobs.JobOutcome;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.outreach.InMemoryOutreach.Send;
import dev.kinflow.outreach.OutreachBatchRequest.Carried;
import dev.kinflow.outreach.OutreachBatchWorkflow.BatchState;
import dev.kinflow.outreach.OutreachBatchWorkflow.ItemResult;
import dev.kinflow.testing.Histories;
import dev.kinflow.testing.WorkflowTestEnv;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class OutreachBatchWorkflowTest {

    static final String ACCOUNT = "acc-outreach";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private TestWorkflowEnvironment env;
    private JobActivities jobs;
    private InMemoryOutreach outreach;

    @AfterEach
    void tearDown() {
        env.close();
    }

    private void start(Instant at, SendLimits limits) {
        env = WorkflowTestEnv.create(at);
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(OutreachBatchWorkflowImpl.class);
        jobs = mock(JobActivities.class, withSettings().withoutAnnotations());
        outreach = new InMemoryOutreach(limits);
        worker.registerActivitiesImplementations(outreach, jobs);
        env.start();
    }

    private OutreachBatchWorkflow stub(long batchId) {
        return env.getWorkflowClient().newWorkflowStub(OutreachBatchWorkflow.class,
                WorkflowTestEnv.jobOptions(OutreachBatchWorkflow.workflowId(batchId), ACCOUNT, OutreachBatchWorkflow.KIND));
    }

    private WorkflowExecution launch(OutreachBatchWorkflow stub, long batchId, int items, int itemsPerRun) {
        outreach.addBatch(batchId, items);
        return WorkflowClient.start(stub::run, new OutreachBatchRequest(ACCOUNT, batchId, "job-" + batchId,
                itemsPerRun, Carried.initial(items, 0)));
    }

    private static OutreachBatchResult result(OutreachBatchWorkflow stub) {
        return WorkflowStub.fromTyped(stub).getResult(OutreachBatchResult.class);
    }

    static SendLimits limits(int perMinute, int perHour, int perDay, int gapSeconds, String quietStart,
                             String quietEnd, int ackMinutes) {
        return new SendLimits(false, perMinute, perHour, perDay, gapSeconds, quietStart, quietEnd, PARIS.getId(),
                ackMinutes);
    }

    static Instant paris(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), PARIS).toInstant();
    }

    @Test
    void twoBatchesOverASimulatedWeekNeverBreakAnySlidingWindowOrTheMinimumGap() {
        SendLimits limits = limits(3, 50, 720, 15, "22:00", "07:00", 60);
        start(paris("2026-03-23T09:00"), limits);
        outreach.confirmAutomatically(env.getWorkflowClient());
        OutreachBatchWorkflow first = stub(1);
        OutreachBatchWorkflow second = stub(2);
        launch(first, 1, 2500, OutreachBatchRequest.DEFAULT_ITEMS_PER_RUN);
        launch(second, 2, 2500, OutreachBatchRequest.DEFAULT_ITEMS_PER_RUN);

        assertThat(result(first).counts()).containsEntry("sent", 2500L).containsEntry("pending", 0L);
        assertThat(result(second).counts()).containsEntry("sent", 2500L);

        List<Long> times = outreach.ledger().stream().map(Send::atMillis).sorted().toList();
        assertThat(times).hasSize(5000);
        assertThat(maxInAnyWindow(times, Duration.ofMinutes(1))).isLessThanOrEqualTo(3);
        assertThat(maxInAnyWindow(times, Duration.ofHours(1))).isLessThanOrEqualTo(50);
        assertThat(maxInAnyWindow(times, Duration.ofDays(1))).isLessThanOrEqualTo(720);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("gap before send %d", i).isGreaterThanOrEqualTo(15_000);
        }
        for (long t : times) {
            int hour = Instant.ofEpochMilli(t).atZone(PARIS).getHour();
            assertThat(hour).as("local hour of a send").isBetween(7, 21);
        }
        // both batches shared the budget: they interleave rather than one waiting for the other
        List<Send> firstDay = outreach.ledger().stream().limit(100).toList();
        assertThat(firstDay).extracting(Send::batchId).contains(1L, 2L);
        Duration span = Duration.ofMillis(times.getLast() - times.getFirst());
        assertThat(span).isBetween(Duration.ofDays(6), Duration.ofDays(8));
    }

    /** The largest number of sends in any half-open window [t, t + length) starting at a send. */
    static int maxInAnyWindow(List<Long> ascending, Duration length) {
        int max = 0;
        int end = 0;
        for (int start = 0; start < ascending.size(); start++) {
            while (end < ascending.size() && ascending.get(end) < ascending.get(start) + length.toMillis()) {
                end++;
            }
            max = Math.max(max, end - start);
        }
        return max;
    }

    @Test
    void quietHoursAcrossMidnightHoldOverTheAutumnDstChange() {
        // Paris leaves summer time on 2026-10-25 at 03:00 local (01:00 UTC)
        start(paris("2026-10-24T21:59:30"), limits(10, 100, 1000, 20, "22:00", "07:00", 60));
        outreach.confirmAutomatically(env.getWorkflowClient());
        OutreachBatchWorkflow batch = stub(7);
        launch(batch, 7, 4, 10);

        assertThat(result(batch).counts()).containsEntry("sent", 4L);
        List<Instant> times = outreach.ledger().stream().map(s -> Instant.ofEpochMilli(s.atMillis())).toList();
        Instant quietStart = paris("2026-10-24T22:00");
        // 07:00 local on the 25th is UTC+1 again: 06:00 UTC, not the 05:00 UTC a fixed summer offset would give
        Instant quietEnd = Instant.parse("2026-10-25T06:00:00Z");
        List<Instant> evening = times.stream().filter(t -> t.isBefore(quietStart)).toList();
        List<Instant> morning = times.stream().filter(t -> !t.isBefore(quietEnd)).toList();
        assertThat(evening).isNotEmpty();
        assertThat(evening.size() + morning.size()).isEqualTo(4);
        assertThat(morning.getFirst()).isBetween(quietEnd, quietEnd.plusSeconds(1));
    }

    @Test
    void pauseStopsEnqueueingUntilResumeAndCancelWithdrawsWhatNoDeviceClaimed() {
        start(paris("2026-05-04T10:00"), limits(10, 100, 1000, 60, null, null, 24 * 60));
        OutreachBatchWorkflow batch = stub(3);
        List<Long> ids = outreach.addBatch(3, 10);
        WorkflowClient.start(batch::run, new OutreachBatchRequest(ACCOUNT, 3, "job-3", 50, Carried.initial(10, 0)));

        env.sleep(Duration.ofSeconds(150));
        assertThat(outreach.ledger()).hasSize(3);

        BatchState paused = batch.pause();
        assertThat(paused.status()).isEqualTo("paused");
        assertThat(outreach.batchStatus(3)).isEqualTo("paused");
        int sentBeforePause = outreach.ledger().size();
        env.sleep(Duration.ofHours(3));
        assertThat(outreach.ledger()).hasSize(sentBeforePause);
        assertThat(batch.progress().text()).contains("waiting: batch paused");

        assertThat(batch.resume().status()).isEqualTo("sending");
        env.sleep(Duration.ofSeconds(90));
        assertThat(outreach.ledger().size()).isGreaterThan(sentBeforePause);

        // the device has claimed the first message but not yet reported; the others it never fetched
        long claimed = ids.get(0);
        outreach.claim(claimed);
        BatchState cancelled = batch.cancel();
        assertThat(cancelled.status()).isEqualTo("cancelled");
        int queuedAtCancel = outreach.ledger().size();
        assertThat(outreach.count(3, "cancelled")).isEqualTo(10 - 1);
        assertThat(outreach.queueStatus(ids.get(1))).isEqualTo("withdrawn");
        assertThat(outreach.status(claimed)).isEqualTo("queued");

        outreach.result(claimed, "sent");
        batch.itemResult(new ItemResult(claimed, "sent"));
        OutreachBatchResult result = result(batch);

        assertThat(result.status()).isEqualTo("cancelled");
        assertThat(result.counts()).containsEntry("sent", 1L).containsEntry("cancelled", 9L)
                .containsEntry("queued", 0L).containsEntry("pending", 0L);
        assertThat(outreach.ledger()).hasSize(queuedAtCancel);
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.CANCELLED);

        Histories.record(env.getWorkflowClient(), OutreachBatchWorkflow.workflowId(3), "outreach-batch");
    }

    @Test
    void aCancelThatArrivesWhileADispatchIsInFlightEndsTheBatchWithoutWaitingForTheNextSlot() throws Exception {
        start(paris("2026-05-04T10:00"), limits(10, 100, 1000, 3600, null, null, 60));
        outreach.confirmAutomatically(env.getWorkflowClient());
        OutreachBatchWorkflow batch = stub(9);
        launch(batch, 9, 3, 10);
        env.sleep(Duration.ofMinutes(1));
        var entered = new java.util.concurrent.CountDownLatch(1);
        var released = new java.util.concurrent.CountDownLatch(1);
        outreach.holdNextDispatch(entered, released);
        batch.settingsChanged();
        assertThat(entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        var cancel = java.util.concurrent.CompletableFuture.supplyAsync(batch::cancel);
        env.sleep(Duration.ofSeconds(1));
        released.countDown();

        assertThat(cancel.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo("cancelled");
        assertThat(result(batch).status()).isEqualTo("cancelled");
        var closed = env.getWorkflowClient().fetchHistory(OutreachBatchWorkflow.workflowId(9)).getLastEvent()
                .getEventTime();
        assertThat(Instant.ofEpochSecond(closed.getSeconds())).isBefore(paris("2026-05-04T11:00"));
    }

    @Test
    void anItemTheDeviceNeverConfirmsFailsAfterTheAckTimeoutAndIsNotSentAgain() {
        start(paris("2026-05-04T10:00"), limits(10, 100, 1000, 0, null, null, 5));
        OutreachBatchWorkflow batch = stub(4);
        launch(batch, 4, 2, 10);

        OutreachBatchResult result = result(batch);

        assertThat(result.status()).isEqualTo("completed");
        assertThat(result.counts()).containsEntry("failed", 2L).containsEntry("sent", 0L);
        assertThat(outreach.count(4, "failed")).isEqualTo(2);
        assertThat(outreach.ledger()).hasSize(2);
        assertThat(env.currentTimeMillis() - paris("2026-05-04T10:00").toEpochMilli())
                .isGreaterThanOrEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(outreach.batchStatus(4)).isEqualTo("completed");
    }

    @Test
    void aSettingsChangeAppliesToTheNextSendOfARunningBatch() {
        start(paris("2026-05-04T10:00"), limits(10, 100, 1000, 3600, null, null, 60));
        outreach.confirmAutomatically(env.getWorkflowClient());
        OutreachBatchWorkflow batch = stub(5);
        launch(batch, 5, 3, 10);
        env.sleep(Duration.ofMinutes(10));
        assertThat(outreach.ledger()).hasSize(1);
        assertThat(batch.progress().text()).contains("minimum gap (3600 s)");
        assertThat(batch.progress().waiting().reason()).contains("minimum gap (3600 s)");
        assertThat(batch.progress().waiting().until()).isAfter(java.time.Instant.ofEpochMilli(env.currentTimeMillis()));

        outreach.setLimits(limits(10, 100, 1000, 0, null, null, 60));
        batch.settingsChanged();

        assertThat(result(batch).counts()).containsEntry("sent", 3L);
        List<Long> times = outreach.ledger().stream().map(Send::atMillis).toList();
        assertThat(times.get(2) - times.get(0)).isLessThan(Duration.ofMinutes(11).toMillis());
    }

    @Test
    void aDispatchWhoseAnswerIsLostIsRetriedWithoutASecondSend() {
        start(paris("2026-05-04T10:00"), limits(10, 100, 1000, 0, null, null, 5));
        outreach.loseAnswers(2);
        OutreachBatchWorkflow batch = stub(8);
        List<Long> ids = outreach.addBatch(8, 2);
        WorkflowClient.start(batch::run, new OutreachBatchRequest(ACCOUNT, 8, "job-8", 10, Carried.initial(2, 0)));
        env.sleep(Duration.ofMinutes(1));
        for (long id : ids) {
            outreach.result(id, "sent");
            batch.itemResult(new ItemResult(id, "sent"));
        }

        assertThat(result(batch).counts()).containsEntry("sent", 2L).containsEntry("failed", 0L);
        assertThat(outreach.ledger()).extracting(Send::itemId).containsExactlyElementsOf(ids);
    }

    @Test
    void aBigBatchContinuesAsNewCarryingItsCursorAndCounts() {
        start(paris("2026-05-04T10:00"), limits(10, 100, 1000, 10, null, null, 60));
        outreach.confirmAutomatically(env.getWorkflowClient());
        OutreachBatchWorkflow batch = stub(6);
        WorkflowExecution firstRun = launch(batch, 6, 12, 5);

        OutreachBatchResult result = result(batch);

        assertThat(result.counts()).containsEntry("sent", 12L).containsEntry("pending", 0L);
        assertThat(outreach.ledger()).extracting(Send::itemId).doesNotHaveDuplicates().hasSize(12);
        var history = env.getWorkflowClient().fetchHistory(firstRun.getWorkflowId(), firstRun.getRunId());
        assertThat(history.getLastEvent().getEventType())
                .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    }

    @Test
    void missingSettingsEndTheBatchFailedWithTheReasonAfterBoundedAttempts() {
        start(paris("2026-03-24T10:00"), null);
        OutreachBatchWorkflow batch = stub(9);
        launch(batch, 9, 3, OutreachBatchRequest.DEFAULT_ITEMS_PER_RUN);

        assertThatThrownBy(() -> result(batch)).isInstanceOf(WorkflowFailedException.class);

        assertThat(outreach.dispatchAttempts).isEqualTo(BoundedRetries.ATTEMPTS);
        assertThat(WorkflowTestEnv.runTime(env, OutreachBatchWorkflow.workflowId(9)))
                .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(15));
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.FAILED);
        JobError error = outcome.getValue().failure();
        assertThat(error.type()).isEqualTo("OutreachSettingsMissing");
        assertThat(error.message()).isEqualTo("the account's outreach settings are not provisioned");
        assertThat(error.step()).isEqualTo("activity Dispatch during sending");
        assertThat(error.at()).isNotNull();
    }
}
