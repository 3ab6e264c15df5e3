package dev.kinflow.imports;

import dev.kinflow.common.JobProgress;
import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.ProgressReporter;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.duplicates.AutoMergeActivities;
import dev.kinflow.duplicates.AutoMergeRequest;
import dev.kinflow.duplicates.AutoMergeResult;
import dev.kinflow.jobs.JobTracking;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The import as a list of phases ({@link ImportPhase}); each phase is its own class or a short method here, and the
 * state says which phase a run (re)starts in after continue-as-new.
 */
public class ContactImportWorkflowImpl implements ContactImportWorkflow {

    static final int CONTACT_ATTEMPTS = CoverageBackfill.CONTACT_ATTEMPTS;
    static final int PAGE_ATTEMPTS = ContactListing.PAGE_ATTEMPTS;
    /**
     * Attempts of a database step (about 15 minutes at the 30 s maximum interval): a step that fails that long (a
     * poison record, a missing setting) ends the import with its reason instead of retrying forever, while a database
     * restart only delays it.
     */
    static final int DATA_ATTEMPTS = ImportRun.DATA_ATTEMPTS;
    static final int ID_BATCH = 100;
    static final int HISTORY_BUDGET = 8_000;
    static final Duration PHOTO_PHASE_TIMEOUT = Duration.ofHours(6);

    private final ImportDataActivities data = Workflow.newActivityStub(ImportDataActivities.class,
            ImportRun.DATA_OPTIONS);
    private final AutoMergeActivities merger = Workflow.newActivityStub(AutoMergeActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.DEFAULT)
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setHeartbeatTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30))
                            .setMaximumAttempts(DATA_ATTEMPTS).build())
                    .build());
    private final ProgressReporter progress = new ProgressReporter();
    private final int historyBudget;

    private ImportRun run;
    private ImportState state;

    public ContactImportWorkflowImpl() {
        this(HISTORY_BUDGET);
    }

    /** With a smaller history budget, so that tests can see the import continue as new. */
    ContactImportWorkflowImpl(int historyBudget) {
        this.historyBudget = historyBudget;
    }

    @Override
    public ImportResult importContacts(ImportRequest request) {
        state = request.resumed() == null ? new ImportState() : request.resumed();
        run = new ImportRun(request, state, data, progress, historyBudget);
        return JobTracking.run(request.jobId(), progress::current, this::importAndForgetToken,
                ImportResult::toSummary);
    }

    @Override
    public JobProgress progress() {
        return progress.current();
    }

    /** The credential is deleted however the import ends; continue-as-new (an Error) keeps it for the next run. */
    private ImportResult importAndForgetToken() {
        ImportResult result;
        try {
            result = runPhases();
        } catch (RuntimeException failure) {
            Workflow.newDetachedCancellationScope(() -> data.deleteCredential(run.job)).run();
            throw failure;
        }
        data.deleteCredential(run.job);
        return result;
    }

    private ImportResult runPhases() {
        ImportOptions options = run.request.options();
        phase(ImportPhase.LISTING, true, () -> new ContactListing(run).run());
        phase(ImportPhase.COVERAGE, true, () -> new CoverageBackfill(run).run());
        phase(ImportPhase.MERGE, options.autoMerge(), this::autoMerge);
        phase(ImportPhase.REFERENCES, true, this::references);
        phase(ImportPhase.EXTRA, options.extraData(), () -> new ExtraDataImport(run).run());
        PhotoImportResult photos = state.phase == ImportPhase.PHOTOS && options.photos() ? photos() : null;
        return finish(photos);
    }

    /** Runs {@code work} when the import is in {@code phase} (and the option is on), then moves to the next phase. */
    private void phase(ImportPhase phase, boolean enabled, Runnable work) {
        if (state.phase == phase) {
            if (enabled) {
                work.run();
            }
            state.phase = phase.next();
        }
    }

    /** Phase 1.5: same-name contacts of this import sharing an email, phone or address are merged. */
    private void autoMerge() {
        run.report(ImportPhase.MERGE.progressName(), "auto-merging imported contacts");
        AutoMergeResult merged = merger.autoMergeImported(new AutoMergeRequest(run.request.accountId(),
                run.request.jobId()));
        state.autoMergeGroups = merged.groups();
        state.autoMerged = merged.merged();
    }

    /** Phase 2: contacts referenced but not imported yet (partial ones anchor relationships), then the links. */
    private void references() {
        run.report(ImportPhase.REFERENCES, "fetching referenced contacts", 0, 0);
        while (true) {
            IdBatch missing = data.unresolvedReferences(new IdQuery(run.job, state.refsCursor, 0, ID_BATCH));
            if (missing.ids().isEmpty()) {
                break;
            }
            for (long id : missing.ids()) {
                MonicaFetched fetched = run.monica.call(run.fetch(MonicaTarget.CONTACT, id, 0, "reference"),
                        CONTACT_ATTEMPTS);
                if (fetched.call().outcome() != MonicaCall.Outcome.OK
                        && fetched.call().outcome() != MonicaCall.Outcome.NOT_FOUND) {
                    state.contactErrors++;
                }
                state.refsCursor = id;
            }
            run.report(ImportPhase.REFERENCES, "fetching referenced contacts", 0, 0);
            run.continueAsNewIfLong();
        }
        run.report(ImportPhase.REFERENCES.progressName(), "linking relationships");
        data.resolveReferences(run.job);
    }

    /** Phase 3 in a child workflow; the parent waits at most {@link #PHOTO_PHASE_TIMEOUT} for it. */
    private PhotoImportResult photos() {
        run.report(ImportPhase.PHOTOS.progressName(), "importing photos");
        ImportRequest request = run.request;
        PhotoImportWorkflow child = Workflow.newChildWorkflowStub(PhotoImportWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(PhotoImportWorkflow.workflowId(request.importId()))
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setTypedSearchAttributes(KinflowSearchAttributes.of(request.accountId(), KIND))
                        .setStaticSummary("Photos of import " + request.importId())
                        .build());
        PhotoImportRequest photoRequest = new PhotoImportRequest(run.fetch(MonicaTarget.PHOTOS, 0, 1, "photos"),
                request.options().requestsPerMinute(), run.monica.window().completions(),
                run.monica.window().blockedUntil());
        List<Promise<PhotoImportResult>> running = new ArrayList<>();
        CancellationScope scope = Workflow.newCancellationScope(
                () -> running.add(Async.function(child::importPhotos, photoRequest)));
        scope.run();
        Promise<PhotoImportResult> result = running.getFirst();
        if (!Workflow.await(PHOTO_PHASE_TIMEOUT, result::isCompleted)) {
            scope.cancel();
            state.photosStatus = "timed_out";
            return null;
        }
        try {
            PhotoImportResult photos = result.get();
            state.photosStatus = photos.failedPages() > 0 ? "partial" : "completed";
            return photos;
        } catch (ChildWorkflowFailure failed) {
            state.photosStatus = "failed";
            return null;
        }
    }

    /** Counts from the database, the account's duplicate scan, and the result (photos: null when not run). */
    private ImportResult finish(PhotoImportResult photos) {
        run.report("finishing", "counting and starting the duplicate scan");
        ImportTotals totals = data.totals(run.job);
        String scan = data.startDuplicateScan(run.job);
        PacedMonica monica = run.monica;
        long photoRequests = photos == null ? 0 : photos.requests();
        long waitedMillis = state.waitedMillis + monica.waitedMillis() + (photos == null ? 0 : photos.waitedMillis());
        ImportResult result = ImportResult.of(state, totals, new ImportResult.Requests(
                run.requests() + photoRequests, state.rateLimited + monica.rateLimited(),
                state.retried + monica.retried(), state.failedPages, waitedMillis / 1000), scan);
        progress.report("done", "imported " + (totals.created() + totals.updated() + totals.unchanged())
                        + " contacts (" + totals.created() + " new, " + totals.updated() + " updated)",
                state.listedTotal, state.listedTotal, Map.of("created", totals.created(),
                        "updated", totals.updated(), "unchanged", totals.unchanged()));
        return result;
    }
}
