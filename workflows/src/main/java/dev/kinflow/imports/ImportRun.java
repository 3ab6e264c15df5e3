package dev.kinflow.imports;

import dev.kinflow.common.ProgressReporter;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

/**
 * What every phase of one run of {@link ContactImportWorkflowImpl} works with: the request, the state carried across
 * continue-as-new, the paced Monica door, the database activities, progress and the history budget. Workflow code only.
 */
final class ImportRun {

    /**
     * Attempts of a database step (about 15 minutes at the 30 s maximum interval): a step that fails that long (a
     * poison record, a missing setting) ends the import with its reason instead of retrying forever, while a database
     * restart only delays it.
     */
    static final int DATA_ATTEMPTS = 32;

    /**
     * Database activities: a few statements each, so 30 s start-to-close, retried for {@link #DATA_ATTEMPTS} attempts
     * (every one is a read or an idempotent write).
     */
    static final ActivityOptions DATA_OPTIONS = ActivityOptions.newBuilder()
            .setTaskQueue(dev.kinflow.common.TaskQueues.DEFAULT)
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30))
                    .setMaximumAttempts(DATA_ATTEMPTS).build())
            .build();

    final ImportRequest request;
    final ImportJobRef job;
    final ImportState state;
    final PacedMonica monica;
    final ImportDataActivities data;
    private final ProgressReporter progress;
    private final int historyBudget;

    ImportRun(ImportRequest request, ImportState state, ImportDataActivities data, ProgressReporter progress,
              int historyBudget) {
        this.request = request;
        this.state = state;
        this.job = new ImportJobRef(request.accountId(), request.jobId(), request.source(), request.credentialId());
        this.monica = new PacedMonica(new RequestWindow(request.options().requestsPerMinute(),
                state.windowCompletions, state.windowBlockedUntil), request.options().requestsPerMinute(), progress);
        this.data = data;
        this.progress = progress;
        this.historyBudget = historyBudget;
    }

    /** One Monica request of this import (ids only). */
    MonicaFetch fetch(MonicaTarget target, long contactId, int page, String via) {
        return new MonicaFetch(request.accountId(), request.jobId(), request.credentialId(), request.baseUrl(),
                request.options().defaultRegion(), target, contactId, page, via);
    }

    void report(ImportPhase phase, String text, long done, long total) {
        report(phase.progressName(), text, done, total);
    }

    void report(String phase, String text, long done, long total) {
        progress.report(phase, text, done, total, requestCounters());
    }

    void report(String phase, String text) {
        report(phase, text, progress.current().done(), progress.current().total());
    }

    Map<String, Long> requestCounters() {
        return Map.of("requests", requests(), "rateLimited", state.rateLimited + monica.rateLimited(),
                "retried", state.retried + monica.retried());
    }

    long requests() {
        return state.requests + monica.requests();
    }

    /** Continues as new when the history is long; call only where nothing is in flight. */
    void continueAsNewIfLong() {
        if (historyLong()) {
            continueAsNew();
        }
    }

    boolean historyLong() {
        return Workflow.getInfo().getHistoryLength() >= historyBudget || Workflow.getInfo().isContinueAsNewSuggested();
    }

    /** The state (with this run's request counts and window) goes to the next run; nothing may be in flight. */
    void continueAsNew() {
        state.requests += monica.requests();
        state.rateLimited += monica.rateLimited();
        state.retried += monica.retried();
        state.waitedMillis += monica.waitedMillis();
        state.windowCompletions = new ArrayList<>(monica.window().completions());
        state.windowBlockedUntil = monica.window().blockedUntil();
        Workflow.continueAsNew(request.continuedWith(state));
    }
}
