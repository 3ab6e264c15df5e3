package dev.kinflow.imports;

import io.temporal.workflow.Workflow;

/**
 * Phase 1.4: Monica orders its listing by {@code created_at} with no tie-breaker, so pages can skip ids while
 * {@code meta.total} stays right. When Monica's total (asked again) exceeds what the listing showed, unseen ids are
 * fetched directly. Every unseen id inside the seen id range is checked (skipped contacts are there, and contacts of
 * other address books look exactly like listed ones, so the count alone cannot say which of them closed the gap);
 * then a margin above the range until {@link #END_OF_IDS} ids in a row are not found (the end of the id space: the
 * last page's tail is where drift drops ids) or the gap is closed; then, while the gap is still open, a margin below.
 * The scan is capped at {@link #CAP} ids. Since {@link #NEWEST_PAGE}, the newest page of the listing
 * ({@code sort=-created_at}) is read first instead of probing {@link #END_OF_IDS} ids above the range: it holds the
 * contacts a drifting listing drops from its last page's tail, so the range it extends is all there is to scan (one
 * request instead of 20), and above and below the range are scanned only while the gap is open. Deterministic: everything it decides comes from its {@link CoverageState}
 * and activity results. Workflow code only.
 */
final class CoverageBackfill {

    static final int CONTACT_ATTEMPTS = 6;
    static final int ID_BATCH = 100;
    static final long MARGIN = 200;
    static final long CAP = 5_000;
    /** Above the seen range, this many 404s in a row mean the end of Monica's id space. */
    static final int END_OF_IDS = 20;
    /** Workflow version of reading the newest listing page instead of probing the end of the id space. */
    static final String NEWEST_PAGE = "coverage-newest-page";
    private static final int INSIDE = 0;
    private static final int ABOVE = 1;
    private static final int BELOW = 2;

    private final ImportRun run;
    private final CoverageState state;

    CoverageBackfill(ImportRun run) {
        this.run = run;
        this.state = run.state.coverage;
    }

    void run() {
        if (!state.gapDetected && !measureGap()) {
            return;
        }
        while (state.scanSegment <= BELOW) {
            scan(state.scanSegment);
            state.scanSegment++;
            if (state.scanSegment == ABOVE) {
                state.scanCursor = state.maxId;
                state.scanUpTo = state.maxId + state.margin;
            } else if (state.scanSegment == BELOW) {
                state.scanCursor = Math.max(0, state.minId - state.margin - 1);
                state.scanUpTo = Math.max(0, state.minId - 1);
            }
        }
    }

    /** Asks Monica's total again and compares it with what the listing saw; true when there is a gap to close. */
    private boolean measureGap() {
        MonicaFetched total = run.monica.call(run.fetch(MonicaTarget.TOTAL, 0, 1, "listing"),
                ContactListing.PAGE_ATTEMPTS);
        long monicaTotal = total.call().outcome() == MonicaCall.Outcome.OK ? total.total() : run.state.listedTotal;
        CoverageRange seen = run.data.coverage(run.job);
        state.gap = Math.max(0, monicaTotal - seen.listed());
        state.gapDetected = state.gap > 0;
        if (!state.gapDetected) {
            return false;
        }
        if (Workflow.getVersion(NEWEST_PAGE, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
            state.newestPageRead = true;
            run.monica.call(run.fetch(MonicaTarget.NEWEST_CONTACTS, 0, 1, "listing"), ContactListing.PAGE_ATTEMPTS);
            seen = run.data.coverage(run.job);
            state.gap = Math.max(0, monicaTotal - seen.listed());
            if (state.gap == 0) {
                state.scanSegment = BELOW + 1;
                return true;
            }
        }
        state.minId = seen.minId();
        state.maxId = seen.maxId();
        state.margin = Math.max(MARGIN, state.gap * 2);
        state.scanSegment = INSIDE;
        state.scanCursor = Math.max(0, seen.minId() - 1);
        state.scanUpTo = seen.maxId();
        return true;
    }

    private boolean open(int segment) {
        return state.rangeScanned < CAP && switch (segment) {
            case INSIDE -> true;
            case ABOVE -> state.importedFull < state.gap
                    || (!state.newestPageRead && state.consecutiveMisses < END_OF_IDS);
            default -> state.importedFull < state.gap;
        };
    }

    private void scan(int segment) {
        while (state.scanCursor < state.scanUpTo && open(segment)) {
            IdBatch unseen = run.data.unseenIds(new IdQuery(run.job, state.scanCursor, state.scanUpTo, ID_BATCH));
            if (unseen.ids().isEmpty()) {
                state.scanCursor = state.scanUpTo;
                return;
            }
            for (long id : unseen.ids()) {
                if (!open(segment)) {
                    return;
                }
                MonicaFetched fetched = run.monica.call(run.fetch(MonicaTarget.CONTACT, id, 0, "backfill"),
                        CONTACT_ATTEMPTS);
                state.rangeScanned++;
                state.scanCursor = id;
                count(fetched);
            }
            run.report(ImportPhase.COVERAGE, "coverage backfill: " + state.importedFull + "/" + state.gap
                    + " missing contacts found, " + state.rangeScanned + " ids checked", state.importedFull, state.gap);
            run.continueAsNewIfLong();
        }
    }

    private void count(MonicaFetched fetched) {
        MonicaCall.Outcome outcome = fetched.call().outcome();
        state.consecutiveMisses = outcome == MonicaCall.Outcome.NOT_FOUND ? state.consecutiveMisses + 1 : 0;
        if (outcome == MonicaCall.Outcome.NOT_FOUND) {
            state.skippedDeleted++;
        } else if (outcome != MonicaCall.Outcome.OK) {
            state.coverageErrors++;
        } else {
            switch (fetched.contactKind()) {
                case "full" -> state.importedFull++;
                case "partial" -> state.importedPartial++;
                default -> state.skippedInactive++;
            }
        }
    }
}
