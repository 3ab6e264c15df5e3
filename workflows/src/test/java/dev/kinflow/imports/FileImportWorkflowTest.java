package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.kinflow.common.TaskQueues;
import dev.kinflow.duplicates.AutoMergeActivities;
import dev.kinflow.duplicates.AutoMergeRequest;
import dev.kinflow.duplicates.AutoMergeResult;
import dev.kinflow.jobs.JobActivities;
import dev.kinflow.jobs.JobOutcome;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.testing.Histories;
import dev.kinflow.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class FileImportWorkflowTest {

    private TestWorkflowEnvironment env;
    private ScriptedFiles files;
    private ImportDataActivities data;
    private AutoMergeActivities merger;
    private JobActivities jobs;
    private volatile int chunksPerRun = FileImportWorkflowImpl.CHUNKS_PER_RUN;

    /**
     * A file side with 10 records per chunk, one bad record in every chunk; can hold every chunk from one on until
     * released (both chunks in flight: a chunk completing while the workflow is being cancelled meets a race of
     * Temporal's test server, which then refuses the workflow's request to cancel that chunk as "ACTIVITY_UNKNOWN"
     * for ever — a real server accepts it).
     */
    static final class ScriptedFiles implements FileImportActivities {
        final List<Integer> chunks = new CopyOnWriteArrayList<>();
        final Set<String> deleted = ConcurrentHashMap.newKeySet();
        volatile int holdFrom = Integer.MAX_VALUE;
        final CountDownLatch held = new CountDownLatch(FileImportWorkflowImpl.CONCURRENT_CHUNKS);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public FileChunkResult importChunk(FileChunkRequest request) {
            chunks.add(request.chunk());
            if (request.chunk() >= holdFrom) {
                held.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new FileChunkResult(10, 9, 1, 0, 7, 1, 1);
        }

        @Override
        public RecordErrors recordErrors(FileJobRef job) {
            return new RecordErrors(List.of(new RecordError(4, 5, "birthdate: unparseable date")));
        }

        @Override
        public void deleteFile(FileJobRef job) {
            deleted.add(job.fileId());
        }
    }

    @BeforeEach
    void setUp() {
        env = WorkflowTestEnv.create();
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationFactory(FileImportWorkflow.class,
                () -> new FileImportWorkflowImpl(chunksPerRun));
        files = new ScriptedFiles();
        data = mock(ImportDataActivities.class, withSettings().withoutAnnotations());
        merger = mock(AutoMergeActivities.class, withSettings().withoutAnnotations());
        jobs = mock(JobActivities.class, withSettings().withoutAnnotations());
        worker.registerActivitiesImplementations(files, data, merger, jobs);
        when(data.startDuplicateScan(any())).thenReturn("duplicate-scan-acc");
        when(merger.autoMergeImported(any())).thenReturn(new AutoMergeResult(2, 2));
        env.start();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private FileImportWorkflow stub(String importId) {
        return env.getWorkflowClient().newWorkflowStub(FileImportWorkflow.class,
                WorkflowTestEnv.jobOptions(FileImportWorkflow.workflowId(importId), "acc", FileImportWorkflow.KIND));
    }

    private static FileImportRequest request(String importId, int chunks, boolean autoMerge) {
        return new FileImportRequest("acc", "job-" + importId, importId, "file-" + importId,
                "csv:0123abcd", chunks, chunks * 10L, autoMerge, null);
    }

    @Test
    void writesEveryChunkOnceThenMergesCountsScansAndDeletesTheFile() {
        FileImportResult result = stub("f-1").importFile(request("f-1", 20, true));

        assertThat(files.chunks).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).boxed().toList());
        assertThat(result.records()).isEqualTo(new FileImportResult.Records(200, 180, 20,
                List.of(new RecordError(4, 5, "birthdate: unparseable date"))));
        assertThat(result.contacts()).as("counted from the chunks' results")
                .isEqualTo(new FileImportResult.Contacts(140, 20, 20));
        assertThat(result.autoMerged()).isEqualTo(new ImportResult.Merged(2, 2));
        assertThat(result.duplicateScan()).isEqualTo("duplicate-scan-acc");
        assertThat(files.deleted).containsExactly("file-f-1");
        verify(merger).autoMergeImported(new AutoMergeRequest("acc", "job-f-1"));
        verify(data, never()).totals(any());
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcome.getValue().summary()).containsKeys("records", "contacts", "autoMerged", "duplicateScan");
        assertThat(outcome.getValue().progress().done()).isEqualTo(200);
        assertThat(outcome.getValue().progress().total()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> records = (Map<String, Object>) outcome.getValue().summary().get("records");
        assertThat(records).containsEntry("read", 200).containsEntry("imported", 180)
                .containsEntry("skipped", 20);

        Histories.record(env.getWorkflowClient(), FileImportWorkflow.workflowId("f-1"), "file-import-window");
    }

    @Test
    void withoutAutoMergeNoMerge() {
        FileImportResult result = stub("f-2").importFile(request("f-2", 1, false));

        assertThat(result.autoMerged()).isNull();
        verify(merger, never()).autoMergeImported(any());
    }

    @Test
    void aBigFileContinuesAsNewAndEveryChunkIsWrittenExactlyOnce() throws Exception {
        chunksPerRun = 4;

        WorkflowClient.start(stub("f-3")::importFile, request("f-3", 11, false));
        FileImportResult result = env.getWorkflowClient().newUntypedWorkflowStub(FileImportWorkflow.workflowId("f-3"))
                .getResult(60, TimeUnit.SECONDS, FileImportResult.class);

        assertThat(files.chunks).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 11).boxed().toList());
        assertThat(result.records().read()).isEqualTo(110);
        assertThat(result.records().skipped()).isEqualTo(11);
        assertThat(files.deleted).containsExactly("file-f-3");
        assertThat(env.getWorkflowClient().fetchHistory(FileImportWorkflow.workflowId("f-3")).getEvents().getFirst()
                .getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId()).isNotEmpty();
    }

    @Test
    void cancellingMidFileStopsBeforeTheNextChunksAndDeletesTheFile() throws InterruptedException {
        files.holdFrom = 6;
        FileImportWorkflow workflow = stub("f-4");
        WorkflowClient.start(workflow::importFile, request("f-4", 40, true));
        assertThat(files.held.await(30, TimeUnit.SECONDS)).as("chunks 6 and 7 started, every earlier one done").isTrue();

        WorkflowStub.fromTyped(workflow).cancel();
        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(30, TimeUnit.SECONDS, FileImportResult.class))
                .isInstanceOf(WorkflowFailedException.class);
        files.release.countDown();

        assertThat(Collections.max(files.chunks)).isLessThanOrEqualTo(7);
        assertThat(files.deleted).containsExactly("file-f-4");
        verify(merger, never()).autoMergeImported(any());
        verify(data, never()).startDuplicateScan(any());
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(outcome.getValue().progress().done()).isEqualTo(60);
    }
}
