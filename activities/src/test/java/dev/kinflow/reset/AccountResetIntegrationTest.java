package dev.kinflow.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinflow.accounts.AccountBootstrapActivitiesImpl;
import dev.kinflow.accounts.AccountRepository;
import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.jobs.JobActivitiesImpl;
import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.jobs.JobLauncher.Launched;
import dev.kinflow.jobs.JobLauncher.WorkflowStart;
import dev.kinflow.jobs.JobRunRepository;
import dev.kinflow.jobs.JobTracking;
import dev.kinflow.testing.AccountData;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole reset on Temporal's test server (time skipping) with the real activities on PostgreSQL: running jobs of
 * the account end cancelled (cooperative ones by themselves, stubborn ones terminated after the grace period), the
 * account is emptied except what survives or the bootstrap recreates, another account is byte-identical, a worker
 * killed in the middle of the cleanup is replaced and the reset finishes with exact counts.
 */
class AccountResetIntegrationTest {

    static final AccountData.Shape SHAPE = new AccountData.Shape(120, 400);

    /** A job that runs until cancelled (like an import); no timer, so time skipping cannot end it. */
    @WorkflowInterface
    public interface CooperativeJob {
        @WorkflowMethod
        void run(String jobId);
    }

    public static class CooperativeJobImpl implements CooperativeJob {
        @Override
        public void run(String jobId) {
            JobTracking.run(jobId, () -> null, () -> {
                Workflow.await(() -> false);
                return Map.<String, Object>of();
            }, result -> result);
        }
    }

    /** A job that ignores cancellation. */
    @WorkflowInterface
    public interface StubbornJob {
        @WorkflowMethod
        void run(String jobId);
    }

    public static class StubbornJobImpl implements StubbornJob {
        @Override
        public void run(String jobId) {
            JobTracking.run(jobId, () -> null, () -> {
                Workflow.newDetachedCancellationScope(() -> Workflow.await(() -> false)).run();
                return Map.<String, Object>of();
            }, result -> result);
        }
    }

    static JdbcClient jdbc;
    static AccountRepository accounts;
    static JobRunRepository jobs;
    static ResetRepository resets;

    TestWorkflowEnvironment env;
    WorkerFactory factory;
    JobLauncher launcher;

    @BeforeAll
    static void database() {
        jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
        accounts = new AccountRepository(jdbc);
        jobs = new JobRunRepository(jdbc, Jdbc.JSON);
        resets = new ResetRepository(jdbc, Jdbc.JSON);
    }

    @BeforeEach
    void temporal() {
        env = TestWorkflowEnvironment.newInstance();
        env.registerSearchAttribute(KinflowSearchAttributes.ACCOUNT_ID.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        env.registerSearchAttribute(KinflowSearchAttributes.JOB_KIND.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        startWorkflowWorker();
        launcher = new JobLauncher(env.getWorkflowClient(), jobs, accounts);
    }

    @AfterEach
    void tearDown() {
        if (factory != null) {
            factory.shutdownNow();
        }
        env.close();
    }

    /** The workflow worker: the reset and the test jobs. */
    void startWorkflowWorker() {
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(AccountResetWorkflowImpl.class, CooperativeJobImpl.class,
                StubbornJobImpl.class);
        env.start();
    }

    /**
     * An activity worker process with the real activities, on its own factory so that the test can kill it. (The
     * workflow worker stays up: Temporal's test server does not hand a dead worker's sticky workflow tasks back to the
     * normal queue as a real server does.)
     */
    WorkerFactory startActivityWorker(ResetActivitiesImpl.ChunkObserver observer) {
        WorkerFactory workers = WorkerFactory.newInstance(env.getWorkflowClient());
        Worker worker = workers.newWorker(TaskQueues.DEFAULT);
        worker.registerActivitiesImplementations(
                new ResetActivitiesImpl(resets, accounts, jobs, env.getWorkflowClient(), List.of(), 25, observer),
                new AccountBootstrapActivitiesImpl(jdbc), new JobActivitiesImpl(jobs));
        workers.start();
        return workers;
    }

    String startJob(UUID account, Class<?> type) {
        String workflowId = "test-job-" + UUID.randomUUID();
        return launcher.launch(new JobSpec(account, "test-job", workflowId, "a test job", Map.of()), options -> { },
                (options, jobId) -> {
                    if (type == StubbornJob.class) {
                        WorkflowClient.start(env.getWorkflowClient().newWorkflowStub(StubbornJob.class, options)::run,
                                jobId);
                    } else {
                        WorkflowClient.start(env.getWorkflowClient().newWorkflowStub(CooperativeJob.class, options)::run,
                                jobId);
                    }
                }).job().id().toString();
    }

    ResetResult reset(UUID account) {
        var launched = new ResetStarter(launcher, accounts, 30, 1).start(account, "api-key:1");
        return env.getWorkflowClient().newUntypedWorkflowStub(launched.job().workflowId())
                .getResult(ResetResult.class);
    }

    static UUID seededAccount(String name) {
        UUID account = Jdbc.newAccount(jdbc, name, "FR");
        AccountData.seed(jdbc, account, SHAPE);
        return account;
    }

    String jobStatus(String jobId) {
        return jobs.find(UUID.fromString(jobId)).orElseThrow().status().dbValue();
    }

    void assertEmptiedAndBootstrapped(UUID account, Map<String, Long> before) {
        Map<String, Long> after = AccountData.counts(jdbc, account);
        for (String table : after.keySet()) {
            long expected = switch (table) {
                case "outreach_settings", "audit_logs" -> 1;
                case "reminder_rules" -> 3;
                case "api_keys", "send_ledger" -> before.get(table);
                case "job_runs" -> after.get(table);
                default -> 0;
            };
            assertThat(after.get(table)).as(table).isEqualTo(expected);
        }
        assertThat(accounts.find(account).orElseThrow().status()).isEqualTo("active");
        assertThat(jdbc.sql("SELECT max_per_minute FROM outreach_settings WHERE account_id = ?").param(account)
                .query(Integer.class).single()).as("default outreach settings are back").isEqualTo(2);
    }

    @Test
    void runningJobsEndCancelledTheAccountIsEmptiedAndAnotherAccountIsUntouchedTwiceInARow() {
        UUID a = seededAccount("A");
        UUID b = seededAccount("B");
        factory = startActivityWorker((table, rows) -> { });
        String cooperative = startJob(a, CooperativeJob.class);
        String stubborn = startJob(a, StubbornJob.class);
        String jobOfB = startJob(b, CooperativeJob.class);
        Map<String, Long> before = AccountData.counts(jdbc, a);
        var dumpOfB = AccountData.dump(jdbc, b);

        ResetResult first = reset(a);

        assertThat(first.cancelledJobs()).isEqualTo(2);
        assertThat(first.terminatedJobs()).isEqualTo(1);
        assertThat(jobStatus(cooperative)).isEqualTo("cancelled");
        assertThat(jobStatus(stubborn)).isEqualTo("cancelled");
        assertThat(workflowStatus(cooperative)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
        assertThat(workflowStatus(stubborn)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
        ResetRegistry.ownedTables().forEach(t ->
                assertThat(first.deleted().get(t)).as(t).isEqualTo(before.get(t)));
        assertEmptiedAndBootstrapped(a, before);
        assertThat(AccountData.dump(jdbc, b)).isEqualTo(dumpOfB);
        assertThat(jobStatus(jobOfB)).isEqualTo("running");
        assertThat(historyOf(jobOfB)).as("the reset never touched the other account's job")
                .doesNotContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED);

        ResetResult second = reset(a);

        assertThat(second.cancelledJobs()).isZero();
        assertThat(second.totalDeleted()).as("the bootstrap's rows and the first reset's audit entry").isEqualTo(5);
        assertEmptiedAndBootstrapped(a, before);
        assertThat(AccountData.dump(jdbc, b)).isEqualTo(dumpOfB);
    }

    @Test
    void aWorkerKilledDuringTheCleanupIsReplacedAndTheResetFinishesWithExactCounts() throws Exception {
        UUID a = seededAccount("Killed");
        Map<String, Long> before = AccountData.counts(jdbc, a);
        CountDownLatch inCleanup = new CountDownLatch(1);
        AtomicBoolean blocked = new AtomicBoolean();
        WorkerFactory doomed = startActivityWorker((table, rows) -> {
            if (table.equals("contact_fields") && blocked.compareAndSet(false, true)) {
                inCleanup.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException killed) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("worker killed");
                }
            }
        });
        var launched = new ResetStarter(launcher, accounts, 30, 1).start(a, "api-key:1");
        assertThat(inCleanup.await(60, TimeUnit.SECONDS)).isTrue();
        long left = AccountData.counts(jdbc, a).get("contact_fields");
        assertThat(left).isBetween(1L, before.get("contact_fields") - 1);

        doomed.shutdownNow();
        doomed.awaitTermination(10, TimeUnit.SECONDS);
        factory = startActivityWorker((table, rows) -> { });
        ResetResult result = env.getWorkflowClient().newUntypedWorkflowStub(launched.job().workflowId())
                .getResult(ResetResult.class);

        ResetRegistry.ownedTables().forEach(t ->
                assertThat(result.deleted().get(t)).as(t).isEqualTo(before.get(t)));
        assertEmptiedAndBootstrapped(a, before);
        assertThat(jobStatus(launched.job().id().toString())).isEqualTo("completed");
    }

    /**
     * The account is {@code resetting} as soon as the reset is started, before any worker has run a step of it (so
     * from the caller's 202 on, devices get nothing and other jobs are refused); a reset that cannot be started gives
     * the account back.
     */
    @Test
    void theAccountIsResettingOnceTheResetIsStartedAndGivenBackWhenItCannotStart() {
        UUID a = Jdbc.newAccount(jdbc, "Marked at once", "FR");
        JobLauncher unavailable = new JobLauncher(env.getWorkflowClient(), jobs, accounts) {
            @Override
            public Launched launch(JobSpec spec, Consumer<WorkflowOptions.Builder> customize, WorkflowStart start) {
                throw new IllegalStateException("Temporal unavailable");
            }
        };
        assertThatThrownBy(() -> new ResetStarter(unavailable, accounts, 30, 1).start(a, "api-key:1"))
                .hasMessage("Temporal unavailable");
        assertThat(accounts.find(a).orElseThrow().status()).isEqualTo("active");

        var launched = new ResetStarter(launcher, accounts, 30, 1).start(a, "api-key:1");
        assertThat(accounts.find(a).orElseThrow().status()).as("no activity worker has run yet").isEqualTo("resetting");

        factory = startActivityWorker((table, rows) -> { });
        env.getWorkflowClient().newUntypedWorkflowStub(launched.job().workflowId()).getResult(ResetResult.class);
        assertThat(accounts.find(a).orElseThrow().status()).isEqualTo("active");
    }

    List<EventType> historyOf(String jobId) {
        String workflowId = jobs.find(UUID.fromString(jobId)).orElseThrow().workflowId();
        return env.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
                .map(HistoryEvent::getEventType).toList();
    }

    WorkflowExecutionStatus workflowStatus(String jobId) {
        String workflowId = jobs.find(UUID.fromString(jobId)).orElseThrow().workflowId();
        return env.getWorkflowClient().newUntypedWorkflowStub(workflowId).describe().getStatus();
    }
}
