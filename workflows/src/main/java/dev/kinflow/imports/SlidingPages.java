package dev.kinflow.imports;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Reads pages {@code cursor.nextPage() .. cursor.lastPage()} of a Monica listing with up to {@link #CONCURRENCY} pages
 * in flight: each page that completes makes room for the next, so no page waits for a slower one. Before the run
 * continues as new (long history), the pages in flight are drained, so {@code cursor.nextPage()} is exactly where the
 * next run starts. Each arrived page may raise {@code lastPage} (Monica's count grew). Workflow code only.
 */
final class SlidingPages {

    static final int CONCURRENCY = 4;

    /** Where a listing is; backed by fields of the state carried across continue-as-new. */
    interface Cursor {
        int nextPage();

        void nextPage(int page);

        int lastPage();
    }

    private SlidingPages() {
    }

    static void read(ImportRun run, Cursor cursor, IntFunction<MonicaFetch> page, int attempts,
                     Consumer<MonicaFetched> arrived, Consumer<Integer> progress) {
        List<Promise<MonicaFetched>> inFlight = new ArrayList<>();
        while (cursor.nextPage() <= cursor.lastPage() || !inFlight.isEmpty()) {
            boolean draining = run.historyLong();
            while (!draining && inFlight.size() < CONCURRENCY && cursor.nextPage() <= cursor.lastPage()) {
                MonicaFetch fetch = page.apply(cursor.nextPage());
                cursor.nextPage(cursor.nextPage() + 1);
                inFlight.add(Async.function(() -> run.monica.call(fetch, attempts)));
            }
            if (inFlight.isEmpty()) {
                run.continueAsNew();
            }
            Promise.anyOf(inFlight).get();
            for (Promise<MonicaFetched> done : List.copyOf(inFlight)) {
                if (done.isCompleted()) {
                    inFlight.remove(done);
                    arrived.accept(done.get());
                }
            }
            progress.accept(inFlight.size());
        }
    }
}
