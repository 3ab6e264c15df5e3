package dev.kinflow.imports;

import dev.kinflow.common.JobProgress;
import dev.kinflow.common.ProgressReporter;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.duplicates.AutoMergeActivities;
import dev.kinflow.duplicates.AutoMergeRequest;
import dev.kinflow.duplicates.AutoMergeResult;
import dev.kinflow.jobs.JobTracking;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

public class FileImportWorkflowImpl implements FileImportWorkflow {

    /** Chunks written at the same time (each is one transaction; two keep both the worker and PostgreSQL busy). */
    static final int CONCURRENT_CHUNKS = 2;
    /** Continue as new after this many chunks (about 6 history events each). */
    static final int CHUNKS_PER_RUN = 500;
    static final int CHUNK_ATTEMPTS = 10;
    /**
     * Version 1: chunks in a sliding window instead of pairs, and contacts counted from the chunks' results (kept with
     * each chunk, so exact across retries) instead of the per-contact rows the fast path no longer writes.
     */
    static final String CHUNK_WINDOW_CHANGE = "file-chunk-window";

    private final FileImportActivities files = Workflow.newActivityStub(FileImportActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.DEFAULT)
                    .setStartToCloseTimeout(Duration.ofMinutes(2))
                    .setHeartbeatTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30))
                            .setMaximumAttempts(CHUNK_ATTEMPTS).build())
                    .build());
    private final FileImportActivities fileHousekeeping = Workflow.newActivityStub(FileImportActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.DEFAULT)
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).build())
                    .build());
    private final ImportDataActivities data = Workflow.newActivityStub(ImportDataActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.DEFAULT)
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).build())
                    .build());
    private final AutoMergeActivities merger = Workflow.newActivityStub(AutoMergeActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.DEFAULT)
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setHeartbeatTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).build())
                    .build());
    private final ProgressReporter progress = new ProgressReporter();
    private final int chunksPerRun;

    private FileImportRequest request;
    private FileImportState state;

    public FileImportWorkflowImpl() {
        this(CHUNKS_PER_RUN);
    }

    /** With a smaller budget of chunks per run, so that tests can see the import continue as new. */
    FileImportWorkflowImpl(int chunksPerRun) {
        this.chunksPerRun = chunksPerRun;
    }

    @Override
    public FileImportResult importFile(FileImportRequest fileImport) {
        request = fileImport;
        state = fileImport.resumed() == null ? FileImportState.start() : fileImport.resumed();
        reportRecords();
        return JobTracking.run(request.jobId(), progress::current, this::importAndDeleteFile,
                FileImportResult::toSummary);
    }

    @Override
    public JobProgress progress() {
        return progress.current();
    }

    /** The stored file is deleted however the import ends; continue-as-new (an Error) keeps it for the next run. */
    private FileImportResult importAndDeleteFile() {
        FileImportResult result;
        try {
            result = importAll();
        } catch (RuntimeException failure) {
            Workflow.newDetachedCancellationScope(() -> fileHousekeeping.deleteFile(request.ref())).run();
            throw failure;
        }
        fileHousekeeping.deleteFile(request.ref());
        return result;
    }

    private FileImportResult importAll() {
        boolean countedByChunks = Workflow.getVersion(CHUNK_WINDOW_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
        if (countedByChunks) {
            writeChunksInWindow();
        } else {
            writeChunksInPairs();
        }
        AutoMergeResult merged = null;
        if (request.autoMerge()) {
            progress.report("merging", "auto-merging imported contacts");
            merged = merger.autoMergeImported(new AutoMergeRequest(request.accountId(), request.jobId()));
        }
        progress.report("finishing", "counting and starting the duplicate scan");
        FileImportResult.Contacts contacts;
        if (countedByChunks) {
            contacts = new FileImportResult.Contacts(state.created(), state.updated(), state.unchanged());
        } else {
            ImportTotals totals = data.totals(request.ref().importJob());
            contacts = new FileImportResult.Contacts(totals.created(), totals.updated(), totals.unchanged());
        }
        RecordErrors errors = fileHousekeeping.recordErrors(request.ref());
        String scan = data.startDuplicateScan(request.ref().importJob());
        progress.report("done", "imported " + state.imported() + "/" + request.records() + " records ("
                        + contacts.created() + " new, " + contacts.updated() + " updated), " + state.skipped()
                        + " skipped", state.read(), request.records(),
                Map.of("created", contacts.created(), "updated", contacts.updated(), "unchanged",
                        contacts.unchanged(), "skipped", state.skipped()));
        return new FileImportResult(
                new FileImportResult.Records(state.read(), state.imported(), state.skipped(), errors.errors()),
                contacts, state.photos(), merged == null ? null : new ImportResult.Merged(merged.groups(),
                merged.merged()), scan);
    }

    /**
     * Keeps {@link #CONCURRENT_CHUNKS} chunks in flight: the next starts as soon as the oldest is done (results are
     * taken in chunk order, so the cursor is always the first chunk not written). Continues as new once the run's
     * budget of chunks is started, after the chunks in flight are done.
     */
    private void writeChunksInWindow() {
        Deque<Promise<FileChunkResult>> inFlight = new ArrayDeque<>();
        int next = state.nextChunk();
        int started = 0;
        while (state.nextChunk() < request.chunks()) {
            boolean budgetLeft = started < chunksPerRun && !Workflow.getInfo().isContinueAsNewSuggested();
            while (budgetLeft && inFlight.size() < CONCURRENT_CHUNKS && next < request.chunks()) {
                inFlight.add(Async.function(files::importChunk, new FileChunkRequest(request.ref(), next++)));
                started++;
                budgetLeft = started < chunksPerRun;
            }
            if (inFlight.isEmpty()) {
                Workflow.continueAsNew(request.continuedWith(state));
            }
            state = state.after(resultOf(inFlight.removeFirst()));
            reportRecords();
        }
    }

    /** How the first version wrote chunks: two at a time, both done before the next two (kept for replay). */
    private void writeChunksInPairs() {
        int written = 0;
        while (state.nextChunk() < request.chunks()) {
            if (written >= chunksPerRun || Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.continueAsNew(request.continuedWith(state));
            }
            int first = state.nextChunk();
            int end = Math.min(request.chunks(), first + CONCURRENT_CHUNKS);
            List<Promise<FileChunkResult>> inFlight = new ArrayList<>();
            for (int chunk = first; chunk < end; chunk++) {
                FileChunkRequest chunkRequest = new FileChunkRequest(request.ref(), chunk);
                inFlight.add(Async.function(files::importChunk, chunkRequest));
            }
            for (Promise<FileChunkResult> chunk : inFlight) {
                state = state.after(resultOf(chunk));
                written++;
            }
            reportRecords();
        }
    }

    /** A chunk's result; a chunk cancelled with the workflow ends the import as cancelled, not failed. */
    private static FileChunkResult resultOf(Promise<FileChunkResult> chunk) {
        try {
            return chunk.get();
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof CanceledFailure cancelled) {
                throw cancelled;
            }
            throw failure;
        }
    }

    private void reportRecords() {
        progress.report("records", "records " + state.read() + "/" + request.records() + " (" + state.skipped()
                        + " skipped)", state.read(), request.records(),
                Map.of("imported", state.imported(), "skipped", state.skipped(), "chunk", (long) state.nextChunk()));
    }
}
