package dev.kinflow.imports;

import io.temporal.workflow.Workflow;

/**
 * Phase 4, extra data (option {@code extraData}): the four account-wide listings ({@code GET /api/notes},
 * {@code /api/activities}, {@code /api/reminders}, {@code /api/tasks}, 100 a page, driven by {@code meta.last_page},
 * pages in a {@link SlidingPages} window); each page's items are written to the imported contacts they belong to.
 * Those listings are ordered by {@code created_at} with the same tie problem as the contact listing, so completeness
 * is then verified: per contact, what arrived is compared with the contact's {@code statistics}, and only the
 * contacts that fall short are read per contact (every page of that kind). Workflow code only.
 *
 * <p>Imports started before {@link #LISTINGS} read every contact with statistics per contact; that path stays so that
 * they replay and finish the way they started.
 */
final class ExtraDataImport {

    /** Workflow version of the account-wide listings (earlier imports read extra data per contact only). */
    static final String LISTINGS = "extra-data-listings";
    static final int PAGE_ATTEMPTS = ContactListing.PAGE_ATTEMPTS;
    static final int CONTACT_ATTEMPTS = CoverageBackfill.CONTACT_ATTEMPTS;
    static final int ID_BATCH = 100;

    private final ImportRun run;
    private final ImportState state;
    private final ExtraDataState extra;

    ExtraDataImport(ImportRun run) {
        this.run = run;
        this.state = run.state;
        this.extra = run.state.extra;
    }

    void run() {
        boolean listings = Workflow.getVersion(LISTINGS, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
        if (!listings || state.extraCursor > 0) {
            perContact();
            return;
        }
        while (extra.listing < MonicaTarget.EXTRA_DATA.size()) {
            readListing(MonicaTarget.EXTRA_DATA.get(extra.listing));
            extra.listing++;
            extra.nextPage = 1;
            extra.lastPage = 0;
            run.continueAsNewIfLong();
        }
        fallback();
        if (!extra.checked) {
            ExtraDataCheck check = run.data.extraDataCheck(run.job);
            extra.listed = check.listed();
            extra.skippedItems = check.skipped();
            extra.missing = check.missing();
            extra.checked = true;
        }
    }

    /** The extra-data part of the summary; null for imports that took the per-contact path. */
    static ImportResult.ExtraData result(ImportState state) {
        ExtraDataState extra = state.extra;
        return extra == null || !extra.checked ? null : new ImportResult.ExtraData(extra.listed, extra.skippedItems,
                extra.perContactFallbacks, extra.missing);
    }

    private void readListing(MonicaTarget kind) {
        if (extra.lastPage == 0) {
            MonicaFetched first = run.monica.call(page(kind, 1), PAGE_ATTEMPTS);
            extra.listedPages++;
            if (first.call().outcome() != MonicaCall.Outcome.OK) {
                extra.failedPages++;
                return;
            }
            extra.lastPage = Math.max(1, first.lastPage());
            extra.nextPage = 2;
            report(kind, 0);
        }
        SlidingPages.read(run, new SlidingPages.Cursor() {
            @Override
            public int nextPage() {
                return extra.nextPage;
            }

            @Override
            public void nextPage(int page) {
                extra.nextPage = page;
            }

            @Override
            public int lastPage() {
                return extra.lastPage;
            }
        }, page -> page(kind, page), PAGE_ATTEMPTS, fetched -> {
            extra.listedPages++;
            if (fetched.call().outcome() == MonicaCall.Outcome.OK) {
                extra.lastPage = Math.max(extra.lastPage, fetched.lastPage());
            } else {
                extra.failedPages++;
            }
        }, inFlight -> report(kind, inFlight));
    }

    private MonicaFetch page(MonicaTarget kind, int page) {
        return run.fetch(kind, 0, page, "extra");
    }

    private void report(MonicaTarget kind, int inFlight) {
        int done = Math.min(extra.nextPage - 1 - inFlight, extra.lastPage);
        run.report(ImportPhase.EXTRA, "extra data: " + kind.pathName() + " " + done + "/" + extra.lastPage + " pages",
                done, extra.lastPage);
    }

    /** Contacts whose statistics count more than arrived, read per contact, only the kinds that fall short. */
    private void fallback() {
        while (true) {
            IdBatch shortfall = run.data.extraDataShortfall(new IdQuery(run.job, extra.fallbackCursor, 0, ID_BATCH));
            if (shortfall.ids().isEmpty()) {
                return;
            }
            for (int i = 0; i < shortfall.ids().size(); i++) {
                long id = shortfall.ids().get(i);
                for (String kind : shortfall.kinds().get(i).split(",")) {
                    extra.perContactFallbacks++;
                    if (!readContact(id, kind)) {
                        extra.fallbackErrors++;
                    }
                }
                extra.fallbackCursor = id;
            }
            run.report(ImportPhase.EXTRA, "extra data: " + extra.perContactFallbacks
                    + " contacts' lists read one by one", extra.perContactFallbacks, 0);
            run.continueAsNewIfLong();
        }
    }

    /** Every page of one contact's notes, activities, reminders or tasks; false when a page stayed broken. */
    private boolean readContact(long contactId, String kindName) {
        MonicaTarget kind = MonicaTarget.valueOf(kindName.toUpperCase(java.util.Locale.ROOT));
        int page = 1;
        int lastPage = 1;
        while (page <= lastPage) {
            MonicaFetched fetched = run.monica.call(run.fetch(kind, contactId, page, "extra"), CONTACT_ATTEMPTS);
            if (fetched.call().outcome() != MonicaCall.Outcome.OK) {
                return fetched.call().outcome() == MonicaCall.Outcome.NOT_FOUND;
            }
            lastPage = fetched.lastPage();
            page++;
        }
        return true;
    }

    /** Imports before {@link #LISTINGS}: each contact's lists, every page, only where its statistics say so. */
    private void perContact() {
        run.report(ImportPhase.EXTRA, "extra data of " + state.extraContacts + " contacts", state.extraContacts, 0);
        while (true) {
            IdBatch work = run.data.extraDataWork(new IdQuery(run.job, state.extraCursor, 0, ID_BATCH));
            if (work.ids().isEmpty()) {
                return;
            }
            for (int i = 0; i < work.ids().size(); i++) {
                long id = work.ids().get(i);
                for (String kind : work.kinds().get(i).split(",")) {
                    if (!readContact(id, kind)) {
                        state.extraErrors++;
                    }
                }
                state.extraCursor = id;
                state.extraContacts++;
                run.report(ImportPhase.EXTRA, "extra data of " + state.extraContacts + " contacts",
                        state.extraContacts, 0);
            }
            run.report(ImportPhase.EXTRA, "extra data of " + state.extraContacts + " contacts", state.extraContacts,
                    0);
            run.continueAsNewIfLong();
        }
    }
}
