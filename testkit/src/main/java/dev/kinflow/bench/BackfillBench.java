package dev.kinflow.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kinflow.backfill.AvatarOrphanStep;
import dev.kinflow.backfill.BackfillActivitiesImpl;
import dev.kinflow.backfill.BackfillKind;
import dev.kinflow.backfill.BackfillRepository;
import dev.kinflow.backfill.BackfillRequest;
import dev.kinflow.backfill.BackfillResult;
import dev.kinflow.backfill.BackfillWorkflow;
import dev.kinflow.backfill.BackfillWorkflowImpl;
import dev.kinflow.backfill.BatchResult;
import dev.kinflow.backfill.ConversationKeyStep;
import dev.kinflow.backfill.ConversationMergeStep;
import dev.kinflow.backfill.ImportRecordOrphanStep;
import dev.kinflow.backfill.MergedConversationStep;
import dev.kinflow.backfill.PhoneE164Step;
import dev.kinflow.backfill.UniqueConversationIndex;
import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.jobs.JobActivitiesImpl;
import dev.kinflow.jobs.JobRunRepository;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * What the backfill benchmarks share: a fresh database behind a small connection pool, the real backfill activities
 * and {@link BackfillWorkflowImpl} on an in-process Temporal test server, and a way to run one backfill end to end
 * and measure the history of each of its runs.
 */
final class BackfillBench implements AutoCloseable {

    final TestDatabase.Database database;
    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    private final TestWorkflowEnvironment env;
    private final BackfillRepository runs;
    private final JobRunRepository jobs;

    BackfillBench() {
        database = TestDatabase.fresh();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(8);
        dataSource = new HikariDataSource(config);
        jdbc = JdbcClient.create(dataSource);
        runs = new BackfillRepository(jdbc, Jdbc.JSON);
        jobs = new JobRunRepository(jdbc, Jdbc.JSON);
        env = TestWorkflowEnvironment.newInstance();
        env.registerSearchAttribute(KinflowSearchAttributes.ACCOUNT_ID.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        env.registerSearchAttribute(KinflowSearchAttributes.JOB_KIND.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(BackfillWorkflowImpl.class);
        worker.registerActivitiesImplementations(new BackfillActivitiesImpl(runs, List.of(new PhoneE164Step(jdbc),
                        new ConversationKeyStep(jdbc), new ConversationMergeStep(jdbc), new ImportRecordOrphanStep(jdbc),
                        new AvatarOrphanStep(jdbc), new MergedConversationStep(jdbc)),
                new UniqueConversationIndex(dataSource), jdbc, new JdbcTransactionManager(dataSource)),
                new JobActivitiesImpl(jobs));
        env.start();
    }

    /** One finished backfill: its totals, how long it took and the longest history among its runs. */
    record Outcome(BackfillResult result, double seconds, int runs, int longestHistory) {
    }

    Outcome run(UUID account, BackfillKind kind, int batchSize, int batchesPerRun) {
        UUID id = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        String workflowId = BackfillWorkflow.workflowId(id.toString());
        jobs.insertRunning(jobId, account, BackfillWorkflow.KIND, workflowId, Map.of());
        runs.insert(id, account, jobId, kind, false, batchSize, null);
        BackfillWorkflow workflow = env.getWorkflowClient().newWorkflowStub(BackfillWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.DEFAULT).setWorkflowId(workflowId)
                        .setTypedSearchAttributes(KinflowSearchAttributes.of(account.toString(), BackfillWorkflow.KIND))
                        .build());
        long start = System.nanoTime();
        String firstRun = WorkflowClient.start(workflow::run, new BackfillRequest(id.toString(), jobId.toString(), 0,
                batchesPerRun, kind.bestEffortSteps(), BatchResult.start(kind.firstStep()), false, 1, 0)).getRunId();
        BackfillResult result = WorkflowStub.fromTyped(workflow).getResult(BackfillResult.class);
        double seconds = (System.nanoTime() - start) / 1e9;
        int longest = 0;
        int count = 0;
        for (String runId = firstRun; runId != null; count++) {
            List<HistoryEvent> events = env.getWorkflowClient().fetchHistory(workflowId, runId).getEvents();
            longest = Math.max(longest, events.size());
            HistoryEvent last = events.getLast();
            runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        return new Outcome(result, seconds, count, longest);
    }

    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        env.close();
        dataSource.close();
    }
}
