package dev.kinflow.jobs;

import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.PageResponse;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Reads jobs for the REST API: reconciled with Temporal, with live progress while they run. */
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
        JobRun run = (accountId == null ? jobs.find(id) : jobs.find(accountId, id))
                .orElseThrow(() -> ApiException.notFound("Job"));
        JobRun current = reconciler.reconcile(run);
        return JobView.of(current, reconciler.liveProgress(current).orElse(current.progress()));
    }

    public PageResponse<JobView> list(UUID accountId, String kind, String status, int limit, int offset) {
        JobStatus parsed = parseStatus(status);
        var items = jobs.list(accountId, kind, parsed, limit, offset).stream()
                .map(run -> JobView.of(run, run.progress()))
                .toList();
        return new PageResponse<>(items, jobs.count(accountId, kind, parsed), limit, offset);
    }

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
