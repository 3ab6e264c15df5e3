package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.jobs.JobStatus;
import dev.kinflow.testkit.imports.ImportHarness;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The worker process stops in the middle of an import (its factory is shut down while pages are in flight) and
 * another one takes over on the same Temporal service: the import finishes with every contact exactly once.
 */
@Disabled("does not finish yet: on a hand-wired TestWorkflowEnvironment the test server stopped skipping time after "
        + "the first worker factory was shut down, so the paced import runs in real time; to be fixed")
class WorkerRestartImportTest {

    static final String TOKEN = "restart-test-token-b81d";

    @Test
    void aWorkerKilledMidImportIsReplacedAndTheImportFinishesWithExactCounts() throws Exception {
        try (ImportHarness harness = new ImportHarness();
             FakeMonicaServer monica = new FakeMonicaServer(MonicaDataset.generate(MonicaDataset.Spec.of(600)),
                     TOKEN)) {
            monica.clock(harness.env::currentTimeMillis).driftRate(0.017).latencyMillis(40).rateLimitPerMinute(60);
            UUID account = harness.newAccount("FR");
            WorkerFactory first = harness.startWorkers();
            ContactImportWorkflow workflow = harness.startImport(account, monica.baseUrl(), TOKEN,
                    new ImportOptions(false, false, false, "FR", 55));
            await().atMost(Duration.ofSeconds(60)).until(() -> monica.requests().size() >= 5);
            first.shutdown();
            first.awaitTermination(30, TimeUnit.SECONDS);
            int beforeRestart = monica.requests().size();

            WorkerFactory second = harness.startWorkers();
            ImportResult result = WorkflowStub.fromTyped(workflow).getResult(4, TimeUnit.MINUTES, ImportResult.class);
            second.shutdownNow();
            System.out.println("WorkerRestartImportTest request times (s from first): " + monica.requests().stream()
                    .map(r -> (r.atMillis() - monica.requests().getFirst().atMillis()) / 1000).toList());

            assertThat(beforeRestart).isLessThan(15);
            List<Long> imported = harness.jdbc.sql("""
                            SELECT CAST(r.source_id AS bigint) FROM import_records r
                            JOIN contacts c ON c.id = r.contact_id
                            WHERE r.account_id = ? AND r.source_type = 'contact' AND NOT c.is_partial""")
                    .param(account).query(Long.class).list();
            assertThat(imported).doesNotHaveDuplicates().containsAll(monica.listedIds());
            long contacts = harness.jdbc.sql("SELECT count(*) FROM contacts WHERE account_id = ?").param(account)
                    .query(Long.class).single();
            assertThat(result.contacts().created() + result.contacts().partial()).isEqualTo(contacts);
            assertThat(result.coverageBackfill().unresolvedGap()).isZero();
            assertThat(monica.maxRequestsInAnyWindow(TOKEN, 60_000)).isLessThanOrEqualTo(55);
            String jobId = harness.jdbc.sql("SELECT CAST(id AS text) FROM job_runs WHERE account_id = ? AND kind = 'import'")
                    .param(account).query(String.class).single();
            assertThat(harness.jobs.find(UUID.fromString(jobId)).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(harness.jdbc.sql("SELECT count(*) FROM credentials WHERE account_id = ?").param(account)
                    .query(Long.class).single()).isZero();
        }
    }
}
