package dev.kinflow.jobs;

import dev.kinflow.accounts.AccountRepository;
import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.TaskQueues;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Starts a job: records it in {@code job_runs} (the system of record), then starts its workflow. Each feature's
 * {@code FooStarter} calls {@link #launch} with its workflow id, kind and a function that starts the workflow with
 * the options given; a second launch for a workflow id that is still running joins the running job.
 */
@Component
public class JobLauncher {

    /** The only job kind that may start while its account is being reset. */
    public static final String RESET_KIND = "account-reset";

    private final WorkflowClient client;
    private final JobRunRepository jobs;
    private final AccountRepository accounts;

    public JobLauncher(WorkflowClient client, JobRunRepository jobs, AccountRepository accounts) {
        this.client = client;
        this.jobs = jobs;
        this.accounts = accounts;
    }

    public WorkflowClient client() {
        return client;
    }

    /** What the caller learns about a launch. */
    public record Launched(JobRun job, boolean joined) {
    }

    /** Everything that identifies a job run. */
    public record JobSpec(UUID accountId, String kind, String workflowId, String staticSummary,
                          Map<String, Object> params) {
    }

    /** The starter's part: start the workflow with these options and this job id (no waiting for its result). */
    @FunctionalInterface
    public interface WorkflowStart {
        void start(WorkflowOptions options, String jobId);
    }

    /**
     * The options every Kinflow workflow runs with: the default task queue, the business-key workflow id, the search
     * attributes and a static summary for the Temporal Web UI, and one open run per id.
     */
    public static WorkflowOptions.Builder baseOptions(JobSpec spec) {
        return WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.DEFAULT)
                .setWorkflowId(spec.workflowId())
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setTypedSearchAttributes(KinflowSearchAttributes.of(
                        spec.accountId() == null ? null : spec.accountId().toString(), spec.kind()))
                .setStaticSummary(spec.staticSummary());
    }

    /**
     * Records and starts a job, or joins the run already open for the same workflow id. Refuses (409) to start any
     * job but a reset for an account that is being reset.
     */
    public Launched launch(JobSpec spec, Consumer<WorkflowOptions.Builder> customize, WorkflowStart start) {
        if (spec.accountId() != null && !RESET_KIND.equals(spec.kind())
                && accounts.find(spec.accountId()).map(a -> a.isResetting()).orElse(false)) {
            throw new JobConflictException("The account is being reset; try again when the reset has finished");
        }
        Optional<JobRun> running = jobs.findRunning(spec.workflowId());
        if (running.isPresent()) {
            return new Launched(running.get(), true);
        }
        UUID jobId = UUID.randomUUID();
        try {
            jobs.insertRunning(jobId, spec.accountId(), spec.kind(), spec.workflowId(), spec.params());
        } catch (DuplicateKeyException raced) {
            return jobs.findRunning(spec.workflowId()).map(job -> new Launched(job, true)).orElseThrow(() -> raced);
        }
        WorkflowOptions.Builder options = baseOptions(spec);
        customize.accept(options);
        try {
            start.start(options.build(), jobId.toString());
        } catch (WorkflowExecutionAlreadyStarted alreadyRunning) {
            // a run this table does not know as running: the previous run has recorded its end but its workflow is
            // still closing (a re-run asked for right after a run), or a database backup was restored. Either way it
            // is the caller's timing, not a failure of the service: 409, retry later.
            jobs.finish(jobId, JobStatus.CANCELLED, null, Map.of("joinedExistingRun", true), "workflow already running");
            throw new JobConflictException("The previous run of this job is still closing; try again in a moment");
        } catch (RuntimeException failedToStart) {
            jobs.finish(jobId, JobStatus.FAILED, null, null, "could not start workflow");
            throw failedToStart;
        }
        return new Launched(jobs.find(jobId).orElseThrow(), false);
    }
}
