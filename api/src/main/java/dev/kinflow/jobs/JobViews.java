package dev.kinflow.jobs;

import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.PageResponse;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Reads jobs for the REST API: reconciled with Temporal, with live progress (and so {@code waiting}) while they run. */
@Component
public class JobViews {

    private final JobRunRepository jobs;
    private final JobStatusReconciler reconciler;

    public JobViews(JobRunRepository jobs, JobStatusReconciler reconciler) {
        this.jobs = jobs;
        this.reconciler = reconciler;
    }

    /** One job with live progress; {@code accountId} null for the admin view of every account. */
    public JobView get(UUID accountId, UUID id) {
        return view(find(accountId, id));
    }

    /** One job's row, reconciled; 404 when the account (null: admin) cannot see it. */
    public JobRun find(UUID accountId, UUID id) {
        JobRun run = (accountId == null ? jobs.find(id) : jobs.find(accountId, id))
                .orElseThrow(() -> ApiException.notFound("Job"));
        return reconciler.reconcile(run);
    }

    public JobView view(JobRun run) {
        return JobView.of(run, reconciler.liveProgress(run).orElseGet(() -> ProgressView.of(run.progress())));
    }

    /**
     * A page of jobs, newest first. Running jobs show their live progress (queried in parallel, each bounded by the
     * progress query timeout), so the list says which of them wait and why.
     */
    public PageResponse<JobView> list(UUID accountId, String kind, String status, Instant from, Instant to, int limit,
                                      int offset) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("from", "must be before to");
        }
        JobFilter filter = new JobFilter(accountId, kind == null || kind.isBlank() ? null : kind.trim(),
                parseStatus(status), from, to);
        List<JobRun> runs = jobs.list(filter, limit, offset);
        List<CompletableFuture<JobView>> views = runs.stream()
                .map(run -> run.status().isFinal()
                        ? CompletableFuture.completedFuture(
                                JobView.of(run, ProgressView.of(run.progress())))
                        : CompletableFuture.supplyAsync(() -> view(run), LIVE))
                .toList();
        return new PageResponse<>(views.stream().map(CompletableFuture::join).toList(),
                jobs.count(filter), limit, offset);
    }

    private static final Executor LIVE =
            Executors.newVirtualThreadPerTaskExecutor();

    private static JobStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return JobStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "must be one of running, completed, failed, cancelled");
        }
    }
}
