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

public class ContactImportWorkflowImpl implements ContactImportWorkflow {

    static final int PAGE_CONCURRENCY = 4;
    static final int PAGE_ATTEMPTS = 10;
    static final int CONTACT_ATTEMPTS = 6;
    static final int ID_BATCH = 100;
    static final long COVERAGE_MARGIN = 200;
    static final long COVERAGE_CAP = 5_000;
    /** Above the seen range, this many 404s in a row mean the end of Monica's id space. */
    static final int END_OF_IDS = 20;
    static final int HISTORY_BUDGET = 8_000;
    static final Duration PHOTO_PHASE_TIMEOUT = Duration.ofHours(6);
    /**
     * Attempts of a database step (about 15 minutes at the 30 s maximum interval): a step that fails that long (a
     * poison record, a missing setting) ends the import with its reason instead of retrying forever, while a database
     * restart only delays it.
     */
    static final int DATA_ATTEMPTS = 32;
    /** Workflow version of the listing's sliding window of pages (earlier imports listed in batches). */
    static final String SLIDING_PAGES = "listing-sliding-window";

    private final ImportDataActivities data = Workflow.newActivityStub(ImportDataActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.DEFAULT)
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30))
                            .setMaximumAttempts(DATA_ATTEMPTS).build())
                    .build());
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

    private ImportRequest request;
    private ImportJobRef job;
    private ImportState state;
    private PacedMonica monica;

    public ContactImportWorkflowImpl() {
        this(HISTORY_BUDGET);
    }

    /** With a smaller history budget, so that tests can see the import continue as new. */
    ContactImportWorkflowImpl(int historyBudget) {
        this.historyBudget = historyBudget;
    }

    @Override
    public ImportResult importContacts(ImportRequest importRequest) {
        request = importRequest;
        state = importRequest.resumed() == null ? new ImportState() : importRequest.resumed();
        job = new ImportJobRef(request.accountId(), request.jobId(), request.source(), request.credentialId());
        monica = new PacedMonica(new RequestWindow(request.options().requestsPerMinute(), state.windowCompletions,
                state.windowBlockedUntil), request.options().requestsPerMinute(), progress);
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
            Workflow.newDetachedCancellationScope(() -> data.deleteCredential(job)).run();
            throw failure;
        }
        data.deleteCredential(job);
        return result;
    }

    private ImportResult runPhases() {
        if (state.phase.equals("listing")) {
            listing();
            state.phase = "coverage";
        }
        if (state.phase.equals("coverage")) {
            coverageBackfill();
            state.phase = "merge";
        }
        if (state.phase.equals("merge")) {
            if (request.options().autoMerge()) {
                report("merging", "auto-merging imported contacts");
                AutoMergeResult merged = merger.autoMergeImported(new AutoMergeRequest(request.accountId(),
                        request.jobId()));
                state.autoMergeGroups = merged.groups();
                state.autoMerged = merged.merged();
            }
            state.phase = "references";
        }
        if (state.phase.equals("references")) {
            references();
            state.phase = "extra";
        }
        if (state.phase.equals("extra")) {
            if (request.options().extraData()) {
                extraData();
            }
            state.phase = "photos";
        }
        PhotoImportResult photos = null;
        if (state.phase.equals("photos") && request.options().photos()) {
            photos = photos();
        }
        report("finishing", "counting and starting the duplicate scan");
        ImportTotals totals = data.totals(job);
        String scan = data.startDuplicateScan(job);
        ImportResult result = result(totals, photos, scan);
        progress.report("done", "imported " + (totals.created() + totals.updated() + totals.unchanged())
                        + " contacts (" + totals.created() + " new, " + totals.updated() + " updated)",
                state.listedTotal, state.listedTotal, Map.of("created", totals.created(),
                        "updated", totals.updated(), "unchanged", totals.unchanged()));
        return result;
    }

    /**
     * Phase 1: the first page says how many there are; then up to {@link #PAGE_CONCURRENCY} pages are in flight, and
     * each one that completes makes room for the next (no batch waits for its slowest page). Before continuing as
     * new, the pages in flight are drained, so {@code state.nextPage} is exactly where the next run starts.
     */
    private void listing() {
        if (state.lastPage == 0) {
            report("listing", "listing page 1", 0, 0);
            MonicaFetched first = monica.callOrFail(fetch("contacts", 0, 1, "listing"), PAGE_ATTEMPTS);
            state.lastPage = first.lastPage();
            state.listedTotal = first.total();
            state.nextPage = 2;
            reportListing(0);
        }
        if (Workflow.getVersion(SLIDING_PAGES, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            listingInBatches();
            return;
        }
        List<Promise<MonicaFetched>> inFlight = new ArrayList<>();
        while (state.nextPage <= state.lastPage || !inFlight.isEmpty()) {
            boolean draining = historyLong();
            while (!draining && inFlight.size() < PAGE_CONCURRENCY && state.nextPage <= state.lastPage) {
                MonicaFetch fetch = fetch("contacts", 0, state.nextPage++, "listing");
                inFlight.add(Async.function(() -> monica.call(fetch, PAGE_ATTEMPTS)));
            }
            if (inFlight.isEmpty()) {
                continueAsNew();
            }
            Promise.anyOf(inFlight).get();
            for (Promise<MonicaFetched> page : List.copyOf(inFlight)) {
                if (page.isCompleted()) {
                    inFlight.remove(page);
                    countListed(page.get());
                }
            }
            reportListing(inFlight.size());
        }
    }

    /**
     * The listing as imports started before {@link #SLIDING_PAGES} ran it, kept so that they replay: batches of
     * {@link #PAGE_CONCURRENCY} pages, each batch waiting for its slowest page.
     */
    private void listingInBatches() {
        while (state.nextPage <= state.lastPage) {
            List<Promise<MonicaFetched>> pages = new ArrayList<>();
            int last = Math.min(state.lastPage, state.nextPage + PAGE_CONCURRENCY - 1);
            for (int page = state.nextPage; page <= last; page++) {
                MonicaFetch fetch = fetch("contacts", 0, page, "listing");
                pages.add(Async.function(() -> monica.call(fetch, PAGE_ATTEMPTS)));
            }
            Promise.allOf(pages).get();
            pages.forEach(page -> countListed(page.get()));
            state.nextPage = last + 1;
            reportListing(0);
            continueAsNewIfLong();
        }
    }

    private void countListed(MonicaFetched page) {
        if (page.call().outcome() == MonicaCall.Outcome.OK) {
            state.lastPage = Math.max(state.lastPage, page.lastPage());
        } else {
            state.failedPages++;
        }
    }

    private void reportListing(int inFlight) {
        int done = Math.min(state.nextPage - 1 - inFlight, state.lastPage);
        long contacts = Math.min(state.listedTotal, (long) done * 100);
        report("listing", "listing " + done + "/" + state.lastPage + " pages, " + contacts + " contacts", done,
                state.lastPage);
    }

    /**
     * Phase 1.4: when Monica's total (asked again) exceeds what the listing showed, fetch unseen ids directly. Every
     * unseen id inside the seen id range is checked (skipped contacts are there, and contacts of other address books
     * look exactly like listed ones, so the count alone cannot say which of them closed the gap); then a margin above
     * the range until {@link #END_OF_IDS} ids in a row are not found (the end of the id space: the last page's tail is
     * where drift drops ids) or the gap is closed; then, while the gap is still open, a margin below. The scan is
     * capped at {@link #COVERAGE_CAP} ids.
     */
    private void coverageBackfill() {
        if (!state.gapDetected) {
            MonicaFetched total = monica.call(fetch("total", 0, 1, "listing"), PAGE_ATTEMPTS);
            long monicaTotal = total.call().outcome() == MonicaCall.Outcome.OK ? total.total() : state.listedTotal;
            CoverageRange seen = data.coverage(job);
            state.gap = Math.max(0, monicaTotal - seen.listed());
            state.gapDetected = state.gap > 0;
            if (!state.gapDetected) {
                return;
            }
            state.minId = seen.minId();
            state.maxId = seen.maxId();
            state.margin = Math.max(COVERAGE_MARGIN, state.gap * 2);
            state.scanSegment = 0;
            state.scanCursor = Math.max(0, seen.minId() - 1);
            state.scanUpTo = seen.maxId();
        }
        while (state.scanSegment <= 2) {
            scanSegment(state.scanSegment);
            state.scanSegment++;
            if (state.scanSegment == 1) {
                state.scanCursor = state.maxId;
                state.scanUpTo = state.maxId + state.margin;
            } else if (state.scanSegment == 2) {
                state.scanCursor = Math.max(0, state.minId - state.margin - 1);
                state.scanUpTo = Math.max(0, state.minId - 1);
            }
        }
    }

    private boolean segmentOpen(int segment) {
        return state.rangeScanned < COVERAGE_CAP && switch (segment) {
            case 0 -> true;
            case 1 -> state.importedFull < state.gap || state.consecutiveMisses < END_OF_IDS;
            default -> state.importedFull < state.gap;
        };
    }

    private void scanSegment(int segment) {
        while (state.scanCursor < state.scanUpTo && segmentOpen(segment)) {
            IdBatch unseen = data.unseenIds(new IdQuery(job, state.scanCursor, state.scanUpTo, ID_BATCH));
            if (unseen.ids().isEmpty()) {
                state.scanCursor = state.scanUpTo;
                return;
            }
            for (long id : unseen.ids()) {
                if (!segmentOpen(segment)) {
                    return;
                }
                MonicaFetched fetched = monica.call(fetch("contact", id, 0, "backfill"), CONTACT_ATTEMPTS);
                state.rangeScanned++;
                state.scanCursor = id;
                countBackfilled(fetched);
            }
            report("coverage", "coverage backfill: " + state.importedFull + "/" + state.gap
                    + " missing contacts found, " + state.rangeScanned + " ids checked", state.importedFull, state.gap);
            continueAsNewIfLong();
        }
    }

    private void countBackfilled(MonicaFetched fetched) {
        state.consecutiveMisses = fetched.call().outcome() == MonicaCall.Outcome.NOT_FOUND
                ? state.consecutiveMisses + 1 : 0;
        if (fetched.call().outcome() == MonicaCall.Outcome.NOT_FOUND) {
            state.skippedDeleted++;
        } else if (fetched.call().outcome() != MonicaCall.Outcome.OK) {
            state.coverageErrors++;
        } else {
            switch (fetched.contactKind()) {
                case "full" -> state.importedFull++;
                case "partial" -> state.importedPartial++;
                default -> state.skippedInactive++;
            }
        }
    }

    /** Phase 2: contacts referenced but not imported yet (partial ones anchor relationships), then the links. */
    private void references() {
        report("references", "fetching referenced contacts", 0, 0);
        while (true) {
            IdBatch missing = data.unresolvedReferences(new IdQuery(job, state.refsCursor, 0, ID_BATCH));
            if (missing.ids().isEmpty()) {
                break;
            }
            for (long id : missing.ids()) {
                MonicaFetched fetched = monica.call(fetch("contact", id, 0, "reference"), CONTACT_ATTEMPTS);
                if (fetched.call().outcome() != MonicaCall.Outcome.OK
                        && fetched.call().outcome() != MonicaCall.Outcome.NOT_FOUND) {
                    state.contactErrors++;
                }
                state.refsCursor = id;
            }
            report("references", "fetching referenced contacts", 0, 0);
            continueAsNewIfLong();
        }
        report("references", "linking relationships");
        data.resolveReferences(job);
    }

    /** Phase 4: each contact's notes, activities, reminders and tasks, every page, only where statistics say so. */
    private void extraData() {
        report("extra", "extra data of " + state.extraContacts + " contacts", state.extraContacts, 0);
        while (true) {
            IdBatch work = data.extraDataWork(new IdQuery(job, state.extraCursor, 0, ID_BATCH));
            if (work.ids().isEmpty()) {
                return;
            }
            for (int i = 0; i < work.ids().size(); i++) {
                long id = work.ids().get(i);
                for (String kind : work.kinds().get(i).split(",")) {
                    int page = 1;
                    int lastPage = 1;
                    while (page <= lastPage) {
                        MonicaFetched fetched = monica.call(fetch(kind, id, page, "extra"), CONTACT_ATTEMPTS);
                        if (fetched.call().outcome() != MonicaCall.Outcome.OK) {
                            if (fetched.call().outcome() != MonicaCall.Outcome.NOT_FOUND) {
                                state.extraErrors++;
                            }
                            break;
                        }
                        lastPage = fetched.lastPage();
                        page++;
                    }
                }
                state.extraCursor = id;
                state.extraContacts++;
                report("extra", "extra data of " + state.extraContacts + " contacts", state.extraContacts, 0);
            }
            report("extra", "extra data of " + state.extraContacts + " contacts", state.extraContacts, 0);
            continueAsNewIfLong();
        }
    }

    /** Phase 3 in a child workflow; the parent waits at most {@link #PHOTO_PHASE_TIMEOUT} for it. */
    private PhotoImportResult photos() {
        report("photos", "importing photos");
        PhotoImportWorkflow child = Workflow.newChildWorkflowStub(PhotoImportWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(PhotoImportWorkflow.workflowId(request.importId()))
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setTypedSearchAttributes(KinflowSearchAttributes.of(request.accountId(), KIND))
                        .setStaticSummary("Photos of import " + request.importId())
                        .build());
        PhotoImportRequest photoRequest = new PhotoImportRequest(fetch("photos", 0, 1, "photos"),
                request.options().requestsPerMinute(), monica.window().completions(), monica.window().blockedUntil());
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

    private ImportResult result(ImportTotals totals, PhotoImportResult photos, String scan) {
        long photoRequests = photos == null ? 0 : photos.requests();
        long waitedMillis = state.waitedMillis + monica.waitedMillis() + (photos == null ? 0 : photos.waitedMillis());
        long photosTotal = totals.photosSynced() + totals.photosFailed() + totals.photosNotFound();
        return new ImportResult(
                new ImportResult.Contacts(state.listedTotal, totals.created(), totals.updated(), totals.unchanged(),
                        totals.skipped(), totals.partial(), state.contactErrors + state.coverageErrors),
                new ImportResult.Coverage(state.gapDetected, state.rangeScanned, state.importedFull,
                        state.importedPartial, state.skippedDeleted, state.skippedInactive, state.coverageErrors,
                        Math.max(0, state.gap - state.importedFull)),
                state.autoMerged < 0 ? null : new ImportResult.Merged(state.autoMergeGroups, state.autoMerged),
                new ImportResult.Photos(state.photosStatus, photosTotal, totals.photosSynced(), totals.photosFailed(),
                        totals.photosNotFound()),
                totals.relationships(), totals.extraItems(),
                new ImportResult.Requests(state.requests + monica.requests() + photoRequests,
                        state.rateLimited + monica.rateLimited(), state.retried + monica.retried(),
                        state.failedPages, waitedMillis / 1000),
                scan);
    }

    private MonicaFetch fetch(String target, long contactId, int page, String via) {
        return new MonicaFetch(request.accountId(), request.jobId(), request.credentialId(), request.baseUrl(),
                request.options().defaultRegion(), target, contactId, page, via);
    }

    private void report(String phase, String text, long done, long total) {
        progress.report(phase, text, done, total, Map.of("requests", state.requests + monica.requests(),
                "rateLimited", state.rateLimited + monica.rateLimited(), "retried", state.retried + monica.retried()));
    }

    private void report(String phase, String text) {
        report(phase, text, progress.current().done(), progress.current().total());
    }

    private void continueAsNewIfLong() {
        if (historyLong()) {
            continueAsNew();
        }
    }

    private boolean historyLong() {
        return Workflow.getInfo().getHistoryLength() >= historyBudget || Workflow.getInfo().isContinueAsNewSuggested();
    }

    private void continueAsNew() {
        state.requests += monica.requests();
        state.rateLimited += monica.rateLimited();
        state.retried += monica.retried();
        state.waitedMillis += monica.waitedMillis();
        state.windowCompletions = new ArrayList<>(monica.window().completions());
        state.windowBlockedUntil = monica.window().blockedUntil();
        Workflow.continueAsNew(request.continuedWith(state));
    }
}
