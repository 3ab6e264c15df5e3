package dev.kinflow.jobs;

import dev.kinflow.common.JobProgress;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code job_runs} true when a workflow ended without writing its own outcome (terminated, timed out, or its
 * last worker died before the final write): running rows are compared with Temporal's description of their workflow
 * and closed with the matching final status, after the kind's {@link JobCloseHook}s have tidied the feature's own
 * rows. Also serves live progress through the workflow's {@code progress()}
 * query.
 */
@Component
public class JobStatusReconciler {

    private static final Logger log = LoggerFactory.getLogger(JobStatusReconciler.class);

    private final WorkflowClient client;
    private final JobRunRepository jobs;
    private final List<JobCloseHook> closeHooks;
    private final Duration queryTimeout;
    private final Duration lostGrace;
    private final ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor();

    public JobStatusReconciler(WorkflowClient client, JobRunRepository jobs, List<JobCloseHook> closeHooks,
                               @Value("${kinflow.jobs.progress-query-timeout:2s}") Duration queryTimeout,
                               @Value("${kinflow.jobs.lost-grace:2m}") Duration lostGrace) {
        this.client = client;
        this.jobs = jobs;
        this.closeHooks = closeHooks;
        this.queryTimeout = queryTimeout;
        this.lostGrace = lostGrace;
    }

    /** How a closed (or vanished) workflow ends its job. */
    private record Closed(JobStatus status, JobError error) {
    }

    @Scheduled(fixedDelayString = "${kinflow.jobs.reconcile-interval:15s}", initialDelayString = "5s")
    public void reconcileRunning() {
        for (JobRun job : jobs.findAllRunning(500)) {
            try {
                reconcile(job);
            } catch (RuntimeException e) {
                log.debug("Could not reconcile job {}: {}", job.id(), e.getClass().getSimpleName());
            }
        }
    }

    /** Closes the row if its workflow is closed; returns the row as it is now. */
    public JobRun reconcile(JobRun job) {
        if (job.status().isFinal()) {
            return job;
        }
        Optional<Closed> closed = closedStatus(job);
        if (closed.isEmpty()) {
            return job;
        }
        JobStatus status = closed.get().status();
        closeHooks.stream().filter(hook -> hook.kind().equals(job.kind()))
                .forEach(hook -> hook.closedWithoutOutcome(job, status));
        if (jobs.finishWithError(job.id(), status, null, null, closed.get().error())) {
            log.info("Job {} ({}) closed by reconciliation as {}", job.id(), job.kind(), status.dbValue());
        }
        return jobs.find(job.id()).orElse(job);
    }

    /**
     * The live progress of a running job, when its workflow answers the query within the timeout (a query needs a
     * worker: in {@code api} mode with every worker down it would otherwise hang the request).
     */
    public Optional<ProgressView> liveProgress(JobRun job) {
        if (job.status().isFinal()) {
            return Optional.empty();
        }
        Future<JobProgress> query = queries.submit(() ->
                client.newUntypedWorkflowStub(job.workflowId()).query("progress", JobProgress.class));
        try {
            return Optional.ofNullable(ProgressView.of(query.get(queryTimeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (TimeoutException | ExecutionException e) {
            query.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The final state of a job whose workflow is closed or gone. A workflow Temporal does not know is lost — but only
     * once the row is older than the grace period: the launcher inserts the row just before it starts the workflow,
     * and a row that young may simply not have its workflow yet.
     */
    private Optional<Closed> closedStatus(JobRun job) {
        WorkflowExecutionStatus status;
        try {
            WorkflowStub stub = client.newUntypedWorkflowStub(job.workflowId());
            status = stub.describe().getStatus();
        } catch (WorkflowNotFoundException e) {
            if (job.createdAt() != null && job.createdAt().plus(lostGrace).isAfter(Instant.now())) {
                return Optional.empty();
            }
            return Optional.of(new Closed(JobStatus.FAILED, error("WorkflowLost",
                    "Temporal no longer knows this job's workflow (e.g. the embedded server restarted); it did not"
                            + " record how it ended")));
        }
        return switch (status) {
            case WORKFLOW_EXECUTION_STATUS_COMPLETED -> Optional.of(new Closed(JobStatus.COMPLETED, null));
            case WORKFLOW_EXECUTION_STATUS_CANCELED -> Optional.of(new Closed(JobStatus.CANCELLED, null));
            case WORKFLOW_EXECUTION_STATUS_FAILED -> Optional.of(new Closed(JobStatus.FAILED, error("WorkflowFailed",
                    "the workflow failed before it recorded the job's outcome")));
            case WORKFLOW_EXECUTION_STATUS_TERMINATED -> Optional.of(new Closed(JobStatus.FAILED,
                    error("WorkflowTerminated", "the workflow was terminated (e.g. from the Temporal Web UI)")));
            case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> Optional.of(new Closed(JobStatus.FAILED,
                    error("WorkflowTimedOut", "the workflow ran past its execution timeout")));
            default -> Optional.empty();
        };
    }

    private static JobError error(String type, String message) {
        return new JobError(type, message, null, null, Instant.now());
    }
}
