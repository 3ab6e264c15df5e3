package dev.kinflow.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.jobs.JobActivitiesImpl;
import dev.kinflow.jobs.JobRunRepository;
import dev.kinflow.testing.Jdbc;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker dies in the middle of a backfill — once after a batch committed but before its result reached Temporal,
 * once in the middle of a batch before it committed — and a new worker takes over: every row is scanned exactly once
 * (a repeated batch would count twice, a skipped one would leave rows unscanned and unnormalised).
 *
 * <p>The dead worker stops polling and its batch never answers (the test server loses tasks handed to a poll that
 * {@code shutdownNow} cancels, so the worker is silenced rather than torn down before the end); Temporal times the
 * batch out after its start-to-close timeout (5 s here) and the replacement worker's retry finds the batch's outcome.
 */
class BackfillWorkerRestartTest {

    static final int PHONES = 23;
    static final int BATCH = 4;
    /** No workflow cache, so no sticky task queue: the test server would keep tasks for the dead worker's queue. */
    static final WorkerFactoryOptions NOT_STICKY = WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build();

    BackfillFixture db;
    TestWorkflowEnvironment env;
    UUID account;

    @BeforeEach
    void setUp() {
        db = new BackfillFixture();
        account = Jdbc.newAccount(db.jdbc, "Restart", null);
        for (int i = 0; i < PHONES; i++) {
            long contact = db.contact(account, "C" + i);
            String national = String.format("06 12 34 %02d %02d", i / 100, i % 100);
            db.phone(account, contact, national, national);
        }
        db.jdbc.sql("UPDATE accounts SET default_region = 'FR'").update();
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(NOT_STICKY).build());
        env.registerSearchAttribute(KinflowSearchAttributes.ACCOUNT_ID.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        env.registerSearchAttribute(KinflowSearchAttributes.JOB_KIND.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void aWorkerKilledAfterABatchCommittedIsReplacedWithoutRepeatingIt() throws Exception {
        assertResumesExactly(true);
    }

    @Test
    void aWorkerKilledBeforeABatchCommittedIsReplacedWithoutSkippingIt() throws Exception {
        assertResumesExactly(false);
    }

    private void assertResumesExactly(boolean dieAfterCommit) throws Exception {
        UUID id = db.newBackfill(account, BackfillKind.PHONE_E164, false, BATCH);
        UUID jobId = UUID.randomUUID();
        JobRunRepository jobs = new JobRunRepository(db.jdbc, Jdbc.JSON);
        jobs.insertRunning(jobId, account, BackfillWorkflow.KIND, BackfillWorkflow.workflowId(id.toString()), Map.of());

        CountDownLatch dying = new CountDownLatch(1);
        WorkerFactory first = env.getWorkerFactory();
        Worker doomed = first.newWorker(TaskQueues.DEFAULT);
        doomed.registerWorkflowImplementationTypes(BackfillWorkflowImpl.class);
        doomed.registerActivitiesImplementations(new DyingAtThirdBatch(db.activities, dieAfterCommit, dying),
                new JobActivitiesImpl(jobs));
        env.start();

        BackfillWorkflow workflow = env.getWorkflowClient().newWorkflowStub(BackfillWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowId(BackfillWorkflow.workflowId(id.toString()))
                        .setTypedSearchAttributes(KinflowSearchAttributes.of(account.toString(), BackfillWorkflow.KIND))
                        .build());
        WorkflowClient.start(workflow::run, new BackfillRequest(id.toString(), jobId.toString(), 0, 2, false,
                BatchResult.start(PhoneE164Step.NAME), false, 1, 5));
        assertThat(dying.await(60, TimeUnit.SECONDS)).isTrue();
        first.suspendPolling();

        WorkerFactory second = WorkerFactory.newInstance(env.getWorkflowClient(), NOT_STICKY);
        Worker replacement = second.newWorker(TaskQueues.DEFAULT);
        replacement.registerWorkflowImplementationTypes(BackfillWorkflowImpl.class);
        replacement.registerActivitiesImplementations(db.activities, new JobActivitiesImpl(jobs));
        second.start();
        try {
            BackfillResult result = WorkflowStub.fromTyped(workflow).getResult(90, TimeUnit.SECONDS,
                    BackfillResult.class);

            assertThat(result.scanned()).isEqualTo(PHONES);
            assertThat(result.changed()).isEqualTo(PHONES);
            BackfillRun stored = db.runs.find(null, id).orElseThrow();
            assertThat(stored.status()).isEqualTo("completed");
            assertThat(stored.batches()).as("one batch per %d rows plus the empty last one", BATCH)
                    .isEqualTo((PHONES + BATCH - 1) / BATCH + 1);
            assertThat(db.jdbc.sql("SELECT count(*) FROM contact_fields WHERE value LIKE '+336%'")
                    .query(Long.class).single()).isEqualTo(PHONES);
            assertThat(jobs.find(jobId).orElseThrow().status().dbValue()).isEqualTo("completed");
        } finally {
            first.shutdownNow();
            second.shutdownNow();
        }
    }

    /** Real batches, except that the third one never reports back: its worker is killed while it hangs. */
    static final class DyingAtThirdBatch implements BackfillActivities {

        private final BackfillActivities real;
        private final boolean afterCommit;
        private final CountDownLatch dying;
        private final AtomicInteger calls = new AtomicInteger();

        DyingAtThirdBatch(BackfillActivities real, boolean afterCommit, CountDownLatch dying) {
            this.real = real;
            this.afterCommit = afterCommit;
            this.dying = dying;
        }

        @Override
        public BatchResult runBatch(BatchRequest request) {
            if (calls.incrementAndGet() != 3) {
                return real.runBatch(request);
            }
            if (afterCommit) {
                real.runBatch(request);
            }
            dying.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException killed) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("worker killed");
        }

        @Override
        public BatchResult buildUniqueIndex(BatchRequest request) {
            return real.buildUniqueIndex(request);
        }

        @Override
        public BatchResult skipStep(StepFailure failure) {
            return real.skipStep(failure);
        }

        @Override
        public BatchResult finish(FinishRequest request) {
            return real.finish(request);
        }
    }
}
