package dev.kinflow.jobs;

import dev.kinflow.common.JobProgress;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private final ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor();

    public JobStatusReconciler(WorkflowClient client, JobRunRepository jobs, List<JobCloseHook> closeHooks,
                               @Value("${kinflow.jobs.progress-query-timeout:2s}") Duration queryTimeout) {
        this.client = client;
        this.jobs = jobs;
        this.closeHooks = closeHooks;
        this.queryTimeout = queryTimeout;
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
        Optional<JobStatus> closed = closedStatus(job.workflowId());
        if (closed.isEmpty()) {
            return job;
        }
        closeHooks.stream().filter(hook -> hook.kind().equals(job.kind()))
                .forEach(hook -> hook.closedWithoutOutcome(job, closed.get()));
        if (jobs.finish(job.id(), closed.get(), null, null,
                closed.get() == JobStatus.COMPLETED ? null : "workflow " + closed.get().dbValue())) {
            log.info("Job {} ({}) closed by reconciliation as {}", job.id(), job.kind(), closed.get().dbValue());
        }
        return jobs.find(job.id()).orElse(job);
    }

    /**
     * The live progress of a running job, when its workflow answers the query within the timeout (a query needs a
     * worker: in {@code api} mode with every worker down it would otherwise hang the request).
     */
    public Optional<Map<String, Object>> liveProgress(JobRun job) {
        if (job.status().isFinal()) {
            return Optional.empty();
        }
        Future<JobProgress> query = queries.submit(() ->
                client.newUntypedWorkflowStub(job.workflowId()).query("progress", JobProgress.class));
        try {
            return Optional.ofNullable(JobActivitiesImpl.toMap(query.get(queryTimeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (TimeoutException | ExecutionException e) {
            query.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<JobStatus> closedStatus(String workflowId) {
        WorkflowExecutionStatus status;
        try {
            WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
            status = stub.describe().getStatus();
        } catch (WorkflowNotFoundException e) {
            return Optional.of(JobStatus.FAILED);
        }
        return switch (status) {
            case WORKFLOW_EXECUTION_STATUS_COMPLETED -> Optional.of(JobStatus.COMPLETED);
            case WORKFLOW_EXECUTION_STATUS_CANCELED -> Optional.of(JobStatus.CANCELLED);
            case WORKFLOW_EXECUTION_STATUS_FAILED, WORKFLOW_EXECUTION_STATUS_TERMINATED,
                 WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> Optional.of(JobStatus.FAILED);
            default -> Optional.empty();
        };
    }
}
