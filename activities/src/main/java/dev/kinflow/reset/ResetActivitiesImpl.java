package dev.kinflow.reset;

import dev.kinflow.accounts.AccountRepository;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.jobs.JobRunRepository;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.reset.ResetRepository.Slice;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = TaskQueues.DEFAULT)
public class ResetActivitiesImpl implements ResetActivities {

    private static final Logger log = LoggerFactory.getLogger(ResetActivitiesImpl.class);

    /** Called after every chunk of a domain cleanup (production: nothing; tests: simulate a crash). */
    @FunctionalInterface
    interface ChunkObserver {
        void afterChunk(String table, long rows);
    }

    private final ResetRepository reset;
    private final AccountRepository accounts;
    private final JobRunRepository jobs;
    private final WorkflowClient client;
    private final List<ResetStopHook> stopHooks;
    private final int chunkSize;
    private final ChunkObserver observer;

    @Autowired
    public ResetActivitiesImpl(ResetRepository reset, AccountRepository accounts, JobRunRepository jobs,
                               WorkflowClient client, List<ResetStopHook> stopHooks,
                               @Value("${kinflow.reset.chunk-size:2000}") int chunkSize) {
        this(reset, accounts, jobs, client, stopHooks, chunkSize, (table, rows) -> { });
    }

    ResetActivitiesImpl(ResetRepository reset, AccountRepository accounts, JobRunRepository jobs,
                        WorkflowClient client, List<ResetStopHook> stopHooks, int chunkSize,
                        ChunkObserver observer) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("kinflow.reset.chunk-size must be at least 1");
        }
        this.reset = reset;
        this.accounts = accounts;
        this.jobs = jobs;
        this.client = client;
        this.stopHooks = List.copyOf(stopHooks);
        this.chunkSize = chunkSize;
        this.observer = observer;
    }

    @Override
    public ResetStarted beginReset(ResetTarget target) {
        UUID account = UUID.fromString(target.accountId());
        if (accounts.find(account).isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("account does not exist", "AccountNotFound");
        }
        return new ResetStarted(accounts.transitionStatus(account, "active", "resetting"));
    }

    @Override
    public RunningJobs findRunningJobs(ResetTarget target) {
        String ownWorkflow = AccountResetWorkflow.workflowId(target.accountId());
        return new RunningJobs(jobs.findRunningForAccount(UUID.fromString(target.accountId())).stream()
                .filter(job -> !job.workflowId().equals(ownWorkflow))
                .map(job -> new RunningJob(job.id().toString(), job.workflowId(), job.kind()))
                .toList());
    }

    @Override
    public Withdrawn withdrawQueuedWork(ResetTarget target) {
        UUID account = UUID.fromString(target.accountId());
        long withdrawn = 0;
        for (ResetStopHook hook : stopHooks) {
            long items = hook.withdraw(account);
            if (items > 0) {
                log.info("Reset {}: {} withdrew {} queued items", target.jobId(), hook.name(), items);
            }
            withdrawn += items;
        }
        return new Withdrawn(withdrawn);
    }

    @Override
    public JobsOutcome requestCancellation(JobsRequest request) {
        int requested = 0;
        for (RunningJob job : request.jobs()) {
            try {
                client.newUntypedWorkflowStub(job.workflowId()).cancel();
                requested++;
            } catch (WorkflowNotFoundException alreadyClosed) {
                // closed in the meantime: nothing to cancel
            }
        }
        return new JobsOutcome(requested);
    }

    @Override
    public RunningJobs stillOpen(JobsRequest request) {
        List<RunningJob> open = new ArrayList<>();
        for (RunningJob job : request.jobs()) {
            if (isOpen(job.workflowId())) {
                open.add(job);
            }
        }
        return new RunningJobs(open);
    }

    private boolean isOpen(String workflowId) {
        try {
            return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (WorkflowNotFoundException gone) {
            return false;
        }
    }

    @Override
    public JobsOutcome terminate(JobsRequest request) {
        int terminated = 0;
        for (RunningJob job : request.jobs()) {
            // the row first: once terminated, the workflow can no longer write it, and the reconciler would call it failed
            markCancelled(request.target(), job, "terminated by account reset");
            try {
                client.newUntypedWorkflowStub(job.workflowId()).terminate("account reset " + request.target().jobId());
                terminated++;
            } catch (WorkflowNotFoundException alreadyClosed) {
                // closed on its own meanwhile
            }
        }
        return new JobsOutcome(terminated);
    }

    @Override
    public JobsOutcome closeJobRuns(JobsRequest request) {
        int closed = 0;
        for (RunningJob job : request.jobs()) {
            if (markCancelled(request.target(), job, "cancelled by account reset")) {
                closed++;
            }
        }
        return new JobsOutcome(closed);
    }

    private boolean markCancelled(ResetTarget target, RunningJob job, String reason) {
        return jobs.finish(UUID.fromString(job.jobId()), JobStatus.CANCELLED, null, null,
                reason + " " + target.jobId());
    }

    @Override
    public CleanupPlan planCleanup(ResetTarget target) {
        return new CleanupPlan(ResetRegistry.domainNames());
    }

    @Override
    public DomainCleanupResult cleanDomain(DomainCleanupRequest request) {
        ResetDomain domain = ResetRegistry.find(request.domain()).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("unknown reset domain " + request.domain(), "UnknownDomain"));
        UUID account = UUID.fromString(request.target().accountId());
        UUID job = UUID.fromString(request.target().jobId());
        var context = Activity.getExecutionContext();
        int first = context.getHeartbeatDetails(Integer.class).orElse(0);
        for (int i = first; i < domain.tables().size(); i++) {
            OwnedTable table = domain.tables().get(i);
            int limit = table.chunkSize() > 0 ? table.chunkSize() : chunkSize;
            for (String column : table.detachColumns()) {
                int changed;
                do {
                    changed = reset.detachChunk(account, table.name(), column, limit);
                    context.heartbeat(i);
                } while (changed > 0);
            }
            int cursor = i;
            if (table.parallelism() == 1) {
                deleteSlice(job, account, table.name(), limit, Slice.ALL, () -> context.heartbeat(cursor));
            } else {
                deleteInParallel(job, account, table, limit, () -> context.heartbeat(cursor));
            }
        }
        List<String> tables = domain.tables().stream().map(OwnedTable::name).toList();
        return new DomainCleanupResult(domain.name(), reset.deletedBy(job, tables));
    }

    private void deleteSlice(UUID job, UUID account, String table, int limit, Slice slice, Runnable heartbeat) {
        long rows;
        do {
            rows = reset.deleteChunk(job, account, table, limit, slice);
            heartbeat.run();
            observer.afterChunk(table, rows);
        } while (rows > 0 || reset.hasRows(account, table, slice));
    }

    /** Each slice on its own connection (virtual thread); this thread heartbeats while they run. */
    private void deleteInParallel(UUID job, UUID account, OwnedTable table, int limit, Runnable heartbeat) {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<?>> slices = new ArrayList<>();
            for (int s = 0; s < table.parallelism(); s++) {
                Slice slice = new Slice(table.parallelism(), s);
                slices.add(pool.submit(() -> deleteSlice(job, account, table.name(), limit, slice, () -> { })));
            }
            for (Future<?> slice : slices) {
                awaitHeartbeating(slice, heartbeat);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitHeartbeating(Future<?> work, Runnable heartbeat) {
        while (true) {
            try {
                work.get(1, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                heartbeat.run();
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException e ? e : new IllegalStateException(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", interrupted);
            }
        }
    }

    @Override
    public ResetFinished finishReset(ResetCompletion completion) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobId", completion.target().jobId());
        details.put("cancelledJobs", completion.cancelledJobs());
        details.put("deleted", new java.util.TreeMap<>(completion.deleted()));
        ResetRepository.Finished finished = reset.finish(UUID.fromString(completion.target().accountId()),
                completion.actor(), details);
        return new ResetFinished(finished.audited(), finished.activated());
    }
}
