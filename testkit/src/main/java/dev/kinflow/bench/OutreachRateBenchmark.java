package dev.kinflow.bench;

import dev.kinflow.accounts.AccountBootstrapActivitiesImpl;
import dev.kinflow.accounts.ProvisionRequest;
import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.contacts.ContactDraft;
import dev.kinflow.contacts.ContactRepository;
import dev.kinflow.jobs.JobActivities;
import dev.kinflow.outreach.BatchPlanner;
import dev.kinflow.outreach.DeviceRepository;
import dev.kinflow.outreach.OutreachActivitiesImpl;
import dev.kinflow.outreach.OutreachBatchRepository;
import dev.kinflow.outreach.OutreachBatchRequest;
import dev.kinflow.outreach.OutreachBatchWorkflow;
import dev.kinflow.outreach.OutreachBatchWorkflowImpl;
import dev.kinflow.outreach.OutreachSettings;
import dev.kinflow.outreach.OutreachSettingsRepository;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Achieved send rate over one simulated day as a fraction of the tightest configured bound: the real workflow and the
 * real database activities (embedded PostgreSQL) on Temporal's time-skipping test server, two batches of one account
 * competing for the same budget.
 *
 * <p>Settings: 6/min, 100/h, 5000/day, 10 s minimum gap, no quiet hours, so the hourly limit is the tightest bound
 * (2400 per day; the gap alone would allow 8640, the minute limit 8640). Target: ≥ 0.98.
 */
public final class OutreachRateBenchmark {

    static final int PER_HOUR = 100;
    /** Items per batch: together more than the day can take, so the budget, not the items, is the limit. */
    static final int HALF = 1300;

    public static void main(String[] args) {
        DataSource ds = TestDatabase.fresh().dataSource();
        JdbcClient jdbc = Jdbc.client(ds);
        OutreachBatchRepository batches = new OutreachBatchRepository(jdbc, Jdbc.JSON);
        OutreachSettingsRepository settings = new OutreachSettingsRepository(jdbc);
        UUID account = Jdbc.newAccount(jdbc, "Rate benchmark", "FR");
        new AccountBootstrapActivitiesImpl(jdbc).ensureOutreachSettings(new ProvisionRequest(account.toString()));
        settings.save(account, new OutreachSettings(false, 6, PER_HOUR, 5000, 10, null, null, "UTC", 60 * 24));
        long device = new DeviceRepository(jdbc).create(account, "bench").device().id();
        List<ContactDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 2 * HALF; i++) {
            drafts.add(new ContactDraft("C" + i, null, null, null, null, null, List.of(),
                    List.of(new ContactDraft.FieldDraft(String.format("+336%08d", i), null)), List.of(), List.of()));
        }
        List<Long> ids = new ContactRepository(jdbc, Jdbc.JSON).insertAll(account, "FR", drafts, "user");
        BatchPlanner planner = new BatchPlanner(jdbc);

        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setInitialTime(start).build());
        env.registerSearchAttribute(KinflowSearchAttributes.ACCOUNT_ID.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        env.registerSearchAttribute(KinflowSearchAttributes.JOB_KIND.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(OutreachBatchWorkflowImpl.class);
        worker.registerActivitiesImplementations(
                new OutreachActivitiesImpl(batches, settings, new JdbcTransactionManager(ds)),
                (JobActivities) outcome -> true);
        env.start();

        long began = System.nanoTime();
        for (List<Long> half : List.of(ids.subList(0, HALF), ids.subList(HALF, 2 * HALF))) {
            var plan = planner.plan(account, "Hello {{firstName}}",
                    new BatchPlanner.Recipients(half, null, null), Map.of());
            long batchId = batches.create(account, device, "Hello {{firstName}}", plan);
            OutreachBatchWorkflow workflow = env.getWorkflowClient().newWorkflowStub(OutreachBatchWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.DEFAULT)
                            .setWorkflowId(OutreachBatchWorkflow.workflowId(batchId))
                            .setTypedSearchAttributes(KinflowSearchAttributes.of(account.toString(), "outreach-batch"))
                            .build());
            WorkflowClient.start(workflow::run, new OutreachBatchRequest(account.toString(), batchId, "bench-" + batchId,
                    OutreachBatchRequest.DEFAULT_ITEMS_PER_RUN, OutreachBatchRequest.Carried.initial(plan.size(), 0)));
        }
        env.sleep(Duration.ofDays(1));
        double wallSeconds = (System.nanoTime() - began) / 1e9;

        long sent = jdbc.sql("SELECT count(*) FROM send_ledger WHERE account_id = ? AND sent_at >= ? AND sent_at < ?")
                .params(account, Timestamp.from(start), Timestamp.from(start.plus(Duration.ofDays(1))))
                .query(Long.class).single();
        List<Long> times = jdbc.sql("SELECT sent_at FROM send_ledger WHERE account_id = ? ORDER BY sent_at")
                .param(account).query((rs, n) -> rs.getTimestamp(1).getTime()).list();
        int worstHour = 0;
        for (int i = 0, j = 0; i < times.size(); i++) {
            while (j < times.size() && times.get(j) < times.get(i) + 3_600_000L) {
                j++;
            }
            worstHour = Math.max(worstHour, j - i);
        }
        long bound = 24L * PER_HOUR;
        System.out.printf("OutreachRateBenchmark: simulated 24 h, tightest bound %d/day (%d/h)%n", bound, PER_HOUR);
        System.out.printf("  sent in the simulated day: %d  -> %.4f of the bound (target >= 0.98)%n",
                sent, (double) sent / bound);
        System.out.printf("  busiest sliding hour: %d (limit %d)%n", worstHour, PER_HOUR);
        System.out.printf("  wall time: %.1f s%n", wallSeconds);
        env.close();
        System.exit(0);
    }
}
