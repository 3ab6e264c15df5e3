package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.jobs.JobStatus;
import dev.kinflow.testkit.imports.ImportHarness;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker process stops in the middle of an import (its factory is shut down while listing pages are in flight)
 * and another one takes over on the same Temporal service: the import finishes with every contact exactly once, the
 * request window still holds across the restart, the job is completed and the token deleted.
 */
class WorkerRestartImportTest {

    static final String TOKEN = "restart-test-token-b81d";
    static final int PER_MINUTE = 10;

    @Test
    void aWorkerKilledMidImportIsReplacedAndTheImportFinishesWithExactCounts() throws Exception {
        try (ImportHarness harness = new ImportHarness();
             FakeMonicaServer monica = new FakeMonicaServer(MonicaDataset.generate(MonicaDataset.Spec.of(600)),
                     TOKEN)) {
            monica.clock(harness.env::currentTimeMillis).driftRate(0.017).latencyMillis(40).rateLimitPerMinute(60);
            UUID account = harness.newAccount("FR");
            WorkerFactory first = harness.startWorkersToKill();
            ContactImportWorkflow workflow = harness.startImport(account, monica.baseUrl(), TOKEN,
                    new ImportOptions(false, false, false, "FR", PER_MINUTE));
            WorkflowStub stub = WorkflowStub.fromTyped(workflow);
            await().atMost(Duration.ofSeconds(60)).until(() -> monica.requests().size() >= 3);
            first.shutdown();
            first.awaitTermination(30, TimeUnit.SECONDS);
            int beforeRestart = monica.requests().size();
            assertThat(status(harness, stub)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

            WorkerFactory second = harness.startWorkers();
            ImportResult result = stub.getResult(2, TimeUnit.MINUTES, ImportResult.class);
            second.shutdownNow();

            assertThat(beforeRestart).isBetween(3, PER_MINUTE);
            assertThat(monica.requests().size()).isGreaterThan(beforeRestart + 5);
            List<Long> imported = harness.jdbc.sql("""
                            SELECT CAST(r.source_id AS bigint) FROM import_records r
                            JOIN contacts c ON c.id = r.contact_id
                            WHERE r.account_id = ? AND r.source_type = 'contact' AND NOT c.is_partial""")
                    .param(account).query(Long.class).list();
            assertThat(imported).doesNotHaveDuplicates().containsAll(monica.listedIds());
            List<Long> archived = monica.data().all().stream().filter(c -> !c.active).map(c -> c.id).toList();
            assertThat(imported).doesNotContainAnyElementsOf(archived);
            long full = count(harness, "SELECT count(*) FROM contacts WHERE account_id = ? AND NOT is_partial", account);
            long all = count(harness, "SELECT count(*) FROM contacts WHERE account_id = ?", account);
            assertThat(full).isEqualTo(imported.size());
            assertThat(result.contacts().created() + result.contacts().partial()).isEqualTo(all);
            assertThat(result.contacts().updated()).isZero();
            assertThat(result.contacts().errors()).isZero();
            assertThat(result.coverageBackfill().gapDetected()).isTrue();
            assertThat(result.coverageBackfill().unresolvedGap()).isZero();
            assertThat(result.requests().total()).isEqualTo(monica.requests().size());
            assertThat(monica.maxRequestsInAnyWindow(TOKEN, 60_000)).isLessThanOrEqualTo(PER_MINUTE);
            assertThat(monica.requests()).noneMatch(r -> r.status() == 429);
            String jobId = harness.jdbc.sql("SELECT CAST(id AS text) FROM job_runs WHERE account_id = ? AND kind = 'import'")
                    .param(account).query(String.class).single();
            assertThat(harness.jobs.find(UUID.fromString(jobId)).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(count(harness, "SELECT count(*) FROM credentials WHERE account_id = ?", account)).isZero();
        }
    }

    private static WorkflowExecutionStatus status(ImportHarness harness, WorkflowStub stub) {
        return harness.env.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                        DescribeWorkflowExecutionRequest.newBuilder().setNamespace(harness.env.getNamespace())
                                .setExecution(stub.getExecution()).build())
                .getWorkflowExecutionInfo().getStatus();
    }

    private static long count(ImportHarness harness, String sql, UUID account) {
        return harness.jdbc.sql(sql).param(account).query(Long.class).single();
    }
}
