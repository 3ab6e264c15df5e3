package dev.kinflow.reset;

import dev.kinflow.accounts.AccountBootstrapActivities;
import dev.kinflow.accounts.AccountBootstrapWorkflowImpl;
import dev.kinflow.accounts.ProvisionRequest;
import dev.kinflow.accounts.Provisioned;
import dev.kinflow.common.JobProgress;
import dev.kinflow.common.ProgressReporter;
import dev.kinflow.jobs.JobTracking;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

public class AccountResetWorkflowImpl implements AccountResetWorkflow {

    /** Rounds of "find running jobs, stop them": a job launched while the first round ran is caught by the next. */
    static final int MAX_STOP_ROUNDS = 5;

    private static final RetryOptions RETRY_FOREVER = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofSeconds(30))
            .build();

    private final ResetActivities steps = Workflow.newActivityStub(ResetActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RETRY_FOREVER)
                    .build());

    private final ResetActivities cleanup = Workflow.newActivityStub(ResetActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofHours(2))
                    .setHeartbeatTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RETRY_FOREVER)
                    .build());

    private final AccountBootstrapActivities bootstrap = Workflow.newActivityStub(AccountBootstrapActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(RETRY_FOREVER)
                    .build());

    private final ProgressReporter progress = new ProgressReporter();

    /**
     * Runs the reset to its end even when cancellation is requested (e.g. from the Temporal Web UI): stopping half-way
     * would leave a half-wiped account that refuses writes and jobs. {@code job_runs} records it completed; Temporal
     * still shows the run as canceled (the Java SDK closes every workflow whose cancellation was requested that way).
     * A terminated reset is resumed by starting the reset again; every step is idempotent.
     */
    @Override
    public ResetResult reset(ResetRequest request) {
        return JobTracking.run(request.jobId(), progress::current, () -> runIgnoringCancellation(request),
                ResetResult::toSummary);
    }

    private ResetResult runIgnoringCancellation(ResetRequest request) {
        List<ResetResult> result = new ArrayList<>(1);
        Workflow.newDetachedCancellationScope(() -> result.add(run(request))).run();
        return result.getFirst();
    }

    private ResetResult run(ResetRequest request) {
        ResetTarget target = new ResetTarget(request.accountId(), request.jobId());
        steps.beginReset(target);
        StopOutcome stopped = stopTheWorld(target, request);
        Map<String, Long> deleted = cleanUp(target);
        List<String> recreated = provisionAgain(target);
        steps.finishReset(new ResetCompletion(target, request.actor(), deleted, stopped.cancelled()));
        ResetResult result = new ResetResult(stopped.cancelled(), stopped.terminated(), stopped.withdrawn(), deleted,
                recreated);
        progress.report("done", "reset done: " + result.totalDeleted() + " rows deleted, " + stopped.cancelled()
                + " jobs cancelled", 1, 1, Map.of("deleted", result.totalDeleted(),
                "cancelledJobs", (long) stopped.cancelled()));
        return result;
    }

    private record StopOutcome(int cancelled, int terminated, long withdrawn) {
    }

    private StopOutcome stopTheWorld(ResetTarget target, ResetRequest request) {
        progress.report("stopping", "stopping the account's running jobs", 0, 0, Map.of());
        long withdrawn = steps.withdrawQueuedWork(target).items();
        int cancelled = 0;
        int terminated = 0;
        for (int round = 0; round < MAX_STOP_ROUNDS; round++) {
            List<RunningJob> running = steps.findRunningJobs(target).jobs();
            if (running.isEmpty()) {
                break;
            }
            progress.report("stopping", "stopping " + running.size() + " running jobs", cancelled,
                    cancelled + running.size(), Map.of("cancelledJobs", (long) cancelled));
            steps.requestCancellation(new JobsRequest(target, running));
            List<RunningJob> open = awaitClosed(target, running, request);
            if (!open.isEmpty()) {
                steps.terminate(new JobsRequest(target, open));
                terminated += open.size();
            }
            steps.closeJobRuns(new JobsRequest(target, running));
            cancelled += running.size();
        }
        // a job that was enqueueing while it was being cancelled may have queued more: withdraw again once all closed
        withdrawn += steps.withdrawQueuedWork(target).items();
        progress.report("stopping", "stopped " + cancelled + " jobs", cancelled, cancelled,
                Map.of("cancelledJobs", (long) cancelled, "terminatedJobs", (long) terminated,
                        "withdrawnItems", withdrawn));
        return new StopOutcome(cancelled, terminated, withdrawn);
    }

    /** Waits (durable timers, bounded by the grace period) until the jobs' workflows close; returns those still open. */
    private List<RunningJob> awaitClosed(ResetTarget target, List<RunningJob> jobs, ResetRequest request) {
        long deadline = Workflow.currentTimeMillis() + Duration.ofSeconds(request.cancelGraceSeconds()).toMillis();
        Duration poll = Duration.ofSeconds(Math.max(1, request.pollSeconds()));
        List<RunningJob> open = steps.stillOpen(new JobsRequest(target, jobs)).jobs();
        while (!open.isEmpty() && Workflow.currentTimeMillis() < deadline) {
            Workflow.sleep(poll);
            open = steps.stillOpen(new JobsRequest(target, open)).jobs();
        }
        return open;
    }

    private Map<String, Long> cleanUp(ResetTarget target) {
        List<String> domains = steps.planCleanup(target).domains();
        Map<String, Long> deleted = new HashMap<>();
        long total = 0;
        for (int i = 0; i < domains.size(); i++) {
            String domain = domains.get(i);
            progress.report("cleanup", "cleanup " + (i + 1) + "/" + domains.size() + ": " + domain + ", "
                    + String.format(Locale.ROOT, "%,d", total) + " rows deleted", i, domains.size(), Map.of("deleted", total));
            DomainCleanupResult result = cleanup.cleanDomain(new DomainCleanupRequest(target, domain));
            deleted.putAll(result.deleted());
            total += result.total();
        }
        progress.report("cleanup", "cleanup " + domains.size() + "/" + domains.size() + " done, "
                + String.format(Locale.ROOT, "%,d", total) + " rows deleted", domains.size(), domains.size(),
                Map.of("deleted", total));
        return deleted;
    }

    private List<String> provisionAgain(ResetTarget target) {
        progress.report("bootstrap", "provisioning the account again");
        ProvisionRequest request = new ProvisionRequest(target.accountId());
        List<String> recreated = new ArrayList<>();
        for (Function<ProvisionRequest, Provisioned> step : AccountBootstrapWorkflowImpl.provisioningSteps(bootstrap)) {
            Provisioned outcome = step.apply(request);
            if (outcome.created() > 0) {
                recreated.add(outcome.singleton());
            }
        }
        return recreated;
    }

    @Override
    public JobProgress progress() {
        return progress.current();
    }
}
