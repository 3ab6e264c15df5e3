package dev.kinflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.imports.CredentialStore;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.testing.ApiTestBase;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A workflow that ends without writing its own outcome (terminated by an operator, or its type lost every worker)
 * still ends its job row: the reconciler compares running rows with Temporal and closes them.
 */
class JobReconciliationTest extends ApiTestBase {

    @Autowired
    JobLauncher launcher;

    @Autowired
    WorkflowClient client;

    @Autowired
    JobStatusReconciler reconciler;

    @Autowired
    CredentialStore credentials;

    @Test
    void aTerminatedWorkflowEndsItsJobAsFailed() {
        TestAccount account = newAccount("Reconcile", null);
        String workflowId = "orphan-" + UUID.randomUUID();
        var launched = launcher.launch(new JobSpec(UUID.fromString(account.id()), "orphan-test", workflowId,
                "a workflow no worker implements", Map.of()), options -> { }, (options, jobId) ->
                client.newUntypedWorkflowStub("NoWorkerForThisType", options).start(jobId));

        assertThat(api.get("/api/jobs/" + launched.job().id(), account.apiKey()).json("status").asString())
                .isEqualTo("running");
        client.newUntypedWorkflowStub(workflowId).terminate("operator stopped it");

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + launched.job().id(),
                account.apiKey()).json("status").asString().equals("failed"));
        var job = api.get("/api/jobs/" + launched.job().id(), account.apiKey());
        assertThat(job.json("finishedAt").isNull()).isFalse();
        assertThat(job.json("error").asString()).isEqualTo("workflow failed");
        assertThat(api.get("/admin/jobs/" + launched.job().id(), ADMIN_TOKEN).json("status").asString())
                .isEqualTo("failed");
    }

    @Test
    void aTerminatedImportStillHasItsStoredTokenDeletedAndATerminatedBackfillStopsShowingRunning() {
        TestAccount account = newAccount("Close hooks", "FR");
        UUID accountId = UUID.fromString(account.id());
        UUID credential = credentials.store(accountId, "monica-token", "secret-token");
        JobRun importJob = orphan(accountId, "import", Map.of("credentialId", credential.toString()));
        JobRun backfillJob = orphan(accountId, "backfill", Map.of());
        UUID backfill = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO backfill_runs (id, account_id, job_id, kind, dry_run, batch_size, status)
                        VALUES (?, ?, ?, 'phone-e164', false, 100, 'paused')""")
                .params(backfill, accountId, backfillJob.id()).update();

        for (JobRun job : List.of(importJob, backfillJob)) {
            client.newUntypedWorkflowStub(job.workflowId()).terminate("operator stopped it");
            assertThat(reconciler.reconcile(job).status()).isEqualTo(JobStatus.FAILED);
        }

        assertThat(jdbc.sql("SELECT count(*) FROM credentials WHERE id = ?").param(credential).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT status FROM backfill_runs WHERE id = ?").param(backfill).query(String.class)
                .single()).isEqualTo("failed");
    }

    /** A running job of the kind whose workflow no worker implements (so only an operator ends it). */
    private JobRun orphan(UUID accountId, String kind, Map<String, Object> params) {
        return launcher.launch(new JobSpec(accountId, kind, kind + "-orphan-" + UUID.randomUUID(), "orphan", params),
                options -> { }, (options, jobId) -> client.newUntypedWorkflowStub("NoWorkerForThisType", options)
                        .start(jobId)).job();
    }

    @Test
    void aSecondLaunchOfARunningWorkflowIdJoinsIt() {
        TestAccount account = newAccount("Join", null);
        String workflowId = "join-" + UUID.randomUUID();
        JobSpec spec = new JobSpec(UUID.fromString(account.id()), "join-test", workflowId, "join", Map.of());
        var first = launcher.launch(spec, options -> { }, (options, jobId) ->
                client.newUntypedWorkflowStub("NoWorkerForThisType", options).start(jobId));
        var second = launcher.launch(spec, options -> { }, (options, jobId) -> {
            throw new AssertionError("must not start a second run");
        });

        assertThat(second.joined()).isTrue();
        assertThat(second.job().id()).isEqualTo(first.job().id());
        client.newUntypedWorkflowStub(workflowId).terminate("test done");
    }
}
