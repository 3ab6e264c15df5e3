package dev.kinflow.imports;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase 1, the contact listing: {@code GET /api/contacts?limit=100&page=N&with=contactfields}, driven by
 * {@code meta.last_page}. The first page says how many there are; the rest are read through {@link SlidingPages}.
 * Each page is written by the activity that fetched it. A page that stays broken is counted ({@code failedPages});
 * the coverage backfill finds its contacts. Workflow code only.
 */
final class ContactListing {

    static final int PAGE_ATTEMPTS = 10;
    /** Workflow version of the listing's sliding window of pages (earlier imports listed in batches). */
    static final String SLIDING_PAGES = "listing-sliding-window";

    private final ImportRun run;
    private final ImportState state;

    ContactListing(ImportRun run) {
        this.run = run;
        this.state = run.state;
    }

    void run() {
        if (state.lastPage == 0) {
            run.report(ImportPhase.LISTING, "listing page 1", 0, 0);
            MonicaFetched first = run.monica.callOrFail(page(1), PAGE_ATTEMPTS);
            state.lastPage = first.lastPage();
            state.listedTotal = first.total();
            state.nextPage = 2;
            report(0);
        }
        if (Workflow.getVersion(SLIDING_PAGES, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            inBatches();
            return;
        }
        SlidingPages.read(run, new SlidingPages.Cursor() {
            @Override
            public int nextPage() {
                return state.nextPage;
            }

            @Override
            public void nextPage(int page) {
                state.nextPage = page;
            }

            @Override
            public int lastPage() {
                return state.lastPage;
            }
        }, this::page, PAGE_ATTEMPTS, this::arrived, this::report);
    }

    private MonicaFetch page(int page) {
        return run.fetch(MonicaTarget.CONTACTS, 0, page, "listing");
    }

    /**
     * The listing as imports started before {@link #SLIDING_PAGES} ran it, kept so that they replay: batches of
     * {@link SlidingPages#CONCURRENCY} pages, each batch waiting for its slowest page.
     */
    private void inBatches() {
        while (state.nextPage <= state.lastPage) {
            List<Promise<MonicaFetched>> pages = new ArrayList<>();
            int last = Math.min(state.lastPage, state.nextPage + SlidingPages.CONCURRENCY - 1);
            for (int page = state.nextPage; page <= last; page++) {
                MonicaFetch fetch = page(page);
                pages.add(Async.function(() -> run.monica.call(fetch, PAGE_ATTEMPTS)));
            }
            Promise.allOf(pages).get();
            pages.forEach(page -> arrived(page.get()));
            state.nextPage = last + 1;
            report(0);
            run.continueAsNewIfLong();
        }
    }

    private void arrived(MonicaFetched page) {
        if (page.call().outcome() == MonicaCall.Outcome.OK) {
            state.lastPage = Math.max(state.lastPage, page.lastPage());
        } else {
            state.failedPages++;
        }
    }

    private void report(int inFlight) {
        int done = Math.min(state.nextPage - 1 - inFlight, state.lastPage);
        long contacts = Math.min(state.listedTotal, (long) done * 100);
        run.report(ImportPhase.LISTING, "listing " + done + "/" + state.lastPage + " pages, " + contacts + " contacts",
                done, state.lastPage);
    }
}
