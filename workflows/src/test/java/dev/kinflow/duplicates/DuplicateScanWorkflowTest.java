package dev.kinflow.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
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
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class DuplicateScanWorkflowTest {

    private TestWorkflowEnvironment env;
    private DuplicateScanActivities activities;
    private JobActivities jobs;

    @BeforeEach
    void setUp() {
        activities = WorkflowTestEnv.mockActivities(DuplicateScanActivities.class);
        jobs = WorkflowTestEnv.mockActivities(JobActivities.class);
        env = WorkflowTestEnv.started(DuplicateScanWorkflowImpl.class, activities, jobs);
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private DuplicateScanWorkflow stub(String accountId) {
        return env.getWorkflowClient().newWorkflowStub(DuplicateScanWorkflow.class,
                WorkflowTestEnv.jobOptions(DuplicateScanWorkflow.workflowId(accountId), accountId, DuplicateScanWorkflow.KIND));
    }

    @Test
    void aScanComparesChunkByChunkRecordsTheWatermarkAndCompletesTheJob() {
        ScanPlan plan = new ScanPlan("2026-12-01T10:00Z", "2026-12-02T10:00Z", 7_000);
        when(activities.planScan(any())).thenReturn(plan);
        when(activities.scanChunk(any()))
                .thenReturn(new ScanChunkResult(5_200, 5_000, 12, false))
                .thenReturn(new ScanChunkResult(7_300, 2_000, 3, true));

        DuplicateScanResult result = stub("acc-1").scan(new DuplicateScanRequest("acc-1", "job-1", false));

        assertThat(result).isEqualTo(new DuplicateScanResult(7_000, 15));
        verify(activities).planScan(new ScanPlanRequest("acc-1", false));
        verify(activities).scanChunk(new ScanChunk("acc-1", plan.since(), 0, DuplicateScanWorkflowImpl.CHUNK));
        verify(activities).scanChunk(new ScanChunk("acc-1", plan.since(), 5_200, DuplicateScanWorkflowImpl.CHUNK));
        verify(activities).finishScan(new ScanFinish("acc-1", plan, false));
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcome.getValue().summary()).containsEntry("candidates", 15).containsEntry("contactsScanned", 7000);
        assertThat(outcome.getValue().progress().text()).isEqualTo("compared 7000 contacts, 15 candidate pairs written");

        Histories.record(env.getWorkflowClient(), DuplicateScanWorkflow.workflowId("acc-1"), "duplicate-scan");
    }

    @Test
    void aLongScanContinuesAsNewWithItsCursorAndFinishesOnce() {
        int chunks = DuplicateScanWorkflowImpl.CHUNKS_PER_RUN + 20;
        when(activities.planScan(any())).thenReturn(new ScanPlan(null, "2026-12-02T10:00Z", chunks * 10L));
        AtomicInteger calls = new AtomicInteger();
        when(activities.scanChunk(any())).thenAnswer(invocation -> {
            ScanChunk chunk = invocation.getArgument(0);
            int n = calls.incrementAndGet();
            assertThat(chunk.afterId()).isEqualTo((n - 1) * 10L);
            return new ScanChunkResult(n * 10L, 10, 1, n == chunks);
        });

        DuplicateScanResult result = stub("acc-2").scan(new DuplicateScanRequest("acc-2", "job-2", true));

        assertThat(result).isEqualTo(new DuplicateScanResult(chunks * 10L, chunks));
        verify(activities, times(1)).planScan(any());
        verify(activities, times(chunks)).scanChunk(any());
        verify(activities, times(1)).finishScan(any());
        verify(jobs, times(1)).finish(any());
    }

    @Test
    void aFailingChunkIsRetriedAndTheScanStillCompletes() {
        when(activities.planScan(any())).thenReturn(new ScanPlan(null, "2026-12-02T10:00Z", 10));
        when(activities.scanChunk(any()))
                .thenThrow(new IllegalStateException("database restarting"))
                .thenReturn(new ScanChunkResult(10, 10, 2, true));

        assertThat(stub("acc-3").scan(new DuplicateScanRequest("acc-3", "job-3", true)))
                .isEqualTo(new DuplicateScanResult(10, 2));
    }

    @Test
    void aChunkThatNeverSucceedsEndsTheScanFailedAfterBoundedAttemptsWithoutQuotingItsMessage() {
        when(activities.planScan(any())).thenReturn(new ScanPlan(null, "2026-12-02T10:00Z", 100));
        when(activities.scanChunk(any())).thenThrow(new IllegalStateException("poison record: contact Ada Byron"));

        assertThatThrownBy(() -> stub("acc-9").scan(new DuplicateScanRequest("acc-9", "job-9", true)))
                .isInstanceOf(WorkflowFailedException.class);

        verify(activities, times(BoundedRetries.ATTEMPTS)).scanChunk(any());
        verify(activities, never()).finishScan(any());
        assertThat(WorkflowTestEnv.runTime(env, DuplicateScanWorkflow.workflowId("acc-9")))
                .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(15));
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.FAILED);
        JobError error = outcome.getValue().failure();
        assertThat(error.type()).isEqualTo("IllegalStateException");
        assertThat(error.message()).isEqualTo("unexpected IllegalStateException (details in the worker log)");
        assertThat(error.step()).isEqualTo("activity ScanChunk during scanning");
        assertThat(error.toString()).doesNotContain("Ada");
    }
}
