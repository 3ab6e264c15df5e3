package dev.kinflow.testkit.imports;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kinflow.accounts.AccountRepository;
import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.duplicates.AutoMergeActivitiesImpl;
import dev.kinflow.duplicates.DuplicateScanActivitiesImpl;
import dev.kinflow.duplicates.DuplicateScanRepository;
import dev.kinflow.duplicates.DuplicateScanStarter;
import dev.kinflow.duplicates.DuplicateScanWorkflowImpl;
import dev.kinflow.duplicates.MergeService;
import dev.kinflow.common.outbound.OutboundAddressPolicy;
import dev.kinflow.common.outbound.OutboundHttpClients;
import dev.kinflow.common.outbound.OutboundProperties;
import dev.kinflow.imports.ContactImportWorkflow;
import dev.kinflow.imports.ContactImportWorkflowImpl;
import dev.kinflow.imports.CredentialStore;
import dev.kinflow.imports.ExtraItemWriter;
import dev.kinflow.imports.ImportDataActivitiesImpl;
import dev.kinflow.imports.ImportOptions;
import dev.kinflow.imports.ImportRequest;
import dev.kinflow.imports.ImportWriter;
import dev.kinflow.imports.MonicaBudget;
import dev.kinflow.imports.MonicaClient;
import dev.kinflow.imports.MonicaHttpProperties;
import dev.kinflow.imports.MonicaImportActivitiesImpl;
import dev.kinflow.imports.PhotoImportWorkflowImpl;
import dev.kinflow.imports.PhotoWriter;
import dev.kinflow.jobs.JobActivitiesImpl;
import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobRunRepository;
import dev.kinflow.testing.TestDatabase;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import wired by hand, without Spring: a fresh migrated database behind a connection pool sized like the
 * application's (Hikari, 10 connections), a Temporal test environment (time skipping)
 * and the real workflow and activity implementations on worker factories that can be stopped and replaced (a worker
 * "killed" mid-import), including the auto-merge and the duplicate scan the import starts at its end.
 */
public final class ImportHarness implements AutoCloseable {

    public final TestWorkflowEnvironment env;
    public final JdbcClient jdbc;
    public final JobRunRepository jobs;
    public final CredentialStore credentials;
    private final MonicaImportActivitiesImpl monicaActivities;
    private final Object[] defaultActivities;
    private final HikariDataSource connections;

    public ImportHarness() {
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(TestDatabase.fresh().dataSource());
        pool.setMaximumPoolSize(10);
        connections = new HikariDataSource(pool);
        DataSource ds = connections;
        jdbc = JdbcClient.create(ds);
        JsonMapper json = JsonMapper.builder().build();
        env = TestWorkflowEnvironment.newInstance();
        env.registerSearchAttribute(KinflowSearchAttributes.ACCOUNT_ID.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        env.registerSearchAttribute(KinflowSearchAttributes.JOB_KIND.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        env.start();
        jobs = new JobRunRepository(jdbc, json);
        credentials = new CredentialStore(jdbc, Base64.getEncoder().encodeToString(new byte[32]), "target/unused");
        TransactionTemplate transactionTemplate = new TransactionTemplate(new DataSourceTransactionManager(ds));
        MonicaHttpProperties limits = MonicaHttpProperties.defaults().withHostGuardPerMinute(100_000);
        OutboundHttpClients outbound = new OutboundHttpClients(new OutboundAddressPolicy(
                new OutboundProperties(List.of("127.0.0.0/8", "::1"))));  // the fake Monica is on loopback
        monicaActivities = new MonicaImportActivitiesImpl(new MonicaClient(json, limits, outbound),
                credentials, new ImportWriter(jdbc, json, transactionTemplate),
                new ExtraItemWriter(jdbc, json, transactionTemplate), new PhotoWriter(jdbc, limits),
                new MonicaBudget(jdbc, transactionTemplate, env::currentTimeMillis));
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        defaultActivities = new Object[]{
                new ImportDataActivitiesImpl(jdbc, credentials, new DuplicateScanStarter(
                        new JobLauncher(env.getWorkflowClient(), jobs, new AccountRepository(jdbc)))),
                new JobActivitiesImpl(jobs), new AutoMergeActivitiesImpl(jdbc, new MergeService(jdbc, transactions, json)),
                new DuplicateScanActivitiesImpl(new DuplicateScanRepository(jdbc, transactions, json))};
    }

    public UUID newAccount(String region) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO accounts (id, name, default_region) VALUES (?, ?, ?)").params(id, "Harness", region)
                .update();
        return id;
    }

    /** A worker process: both task queues, the real implementations. */
    public WorkerFactory startWorkers() {
        return startWorkers(WorkerOptions.getDefaultInstance());
    }

    /**
     * A worker process that is going to be killed. It does not ask for sticky execution: a real Temporal server moves
     * a workflow task off a dead worker's sticky queue after its schedule-to-start timeout (5 s) or as soon as the
     * worker reports its shutdown, but the in-process test server does neither (its {@code ShutdownWorker} is a no-op
     * and it has no sticky timeout), so the next workflow task would wait on the dead worker's queue forever, and,
     * since a scheduled workflow task holds the test server's time-skipping lock, time would stop being skipped.
     */
    public WorkerFactory startWorkersToKill() {
        return startWorkers(WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    }

    private WorkerFactory startWorkers(WorkerOptions options) {
        WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
        Worker worker = factory.newWorker(TaskQueues.DEFAULT, options);
        worker.registerWorkflowImplementationTypes(ContactImportWorkflowImpl.class, PhotoImportWorkflowImpl.class,
                DuplicateScanWorkflowImpl.class);
        worker.registerActivitiesImplementations(defaultActivities);
        factory.newWorker(TaskQueues.MONICA).registerActivitiesImplementations(monicaActivities);
        factory.start();
        return factory;
    }

    /** Records the job, stores the token and starts the import; returns the workflow stub. */
    public ContactImportWorkflow startImport(UUID account, String baseUrl, String token, ImportOptions options) {
        UUID jobId = UUID.randomUUID();
        String importId = UUID.randomUUID().toString();
        jobs.insertRunning(jobId, account, ContactImportWorkflow.KIND, ContactImportWorkflow.workflowId(importId),
                Map.of());
        UUID credential = credentials.store(account, "monica-token", token);
        ContactImportWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ContactImportWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowId(ContactImportWorkflow.workflowId(importId))
                        .setTypedSearchAttributes(KinflowSearchAttributes.of(account.toString(),
                                ContactImportWorkflow.KIND))
                        .build());
        WorkflowClient.start(workflow::importContacts, new ImportRequest(account.toString(), jobId.toString(),
                importId, credential.toString(), baseUrl, options, null));
        return workflow;
    }

    @Override
    public void close() {
        env.close();
        connections.close();
    }
}
