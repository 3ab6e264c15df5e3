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
        assertThat(job.json("error").path("type").asString()).isEqualTo("WorkflowTerminated");
        assertThat(job.json("error").path("message").asString()).contains("terminated");
        assertThat(job.json("error").path("at").isNull()).isFalse();
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

    @Test
    void aJobWhoseWorkflowIsGoneIsLostOnlyAfterTheGracePeriod() {
        TestAccount account = newAccount("Lost", null);
        UUID justInserted = UUID.randomUUID();
        UUID longGone = UUID.randomUUID();
        for (UUID id : List.of(justInserted, longGone)) {
            jdbc.sql("""
                            INSERT INTO job_runs (id, account_id, kind, workflow_id, status)
                            VALUES (?, CAST(? AS uuid), 'orphan-test', ?, 'running')""")
                    .params(id, account.id(), "never-started-" + id).update();
        }
        jdbc.sql("UPDATE job_runs SET created_at = now() - interval '10 minutes' WHERE id = ?").param(longGone)
                .update();

        reconciler.reconcileRunning();

        // a row inserted just before its workflow start is not marked failed while the start may still be under way
        var starting = api.get("/api/jobs/" + justInserted, account.apiKey());
        assertThat(starting.json("status").asString()).isEqualTo("running");
        assertThat(starting.json("error").isNull()).isTrue();
        var lost = api.get("/api/jobs/" + longGone, account.apiKey());
        assertThat(lost.json("status").asString()).as(lost.raw()).isEqualTo("failed");
        assertThat(lost.json("error").path("type").asString()).isEqualTo("WorkflowLost");
    }

    @Test
    void jobsOfKindsThatCannotBeCancelledAnswer409WithTheReasonAndFinishedJobsTooAndListsFilter() {
        TestAccount account = newAccount("Steer", null);
        UUID reset = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO job_runs (id, account_id, kind, workflow_id, status)
                        VALUES (?, CAST(? AS uuid), 'account-reset', ?, 'running')""")
                .params(reset, account.id(), "account-reset-test-" + reset).update();
        jdbc.sql("""
                        INSERT INTO job_runs (id, account_id, kind, workflow_id, status, created_at, finished_at)
                        VALUES (?, CAST(? AS uuid), 'backfill', ?, 'completed', now() - interval '1 hour', now())""")
                .params(done, account.id(), "backfill-test-" + done).update();

        var refused = api.post("/api/jobs/" + reset + "/cancel", account.apiKey(), Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.json("detail").asString()).contains("account reset cannot be cancelled");
        assertThat(api.post("/admin/jobs/" + reset + "/cancel", ADMIN_TOKEN, Map.of()).status()).isEqualTo(409);
        var ended = api.post("/api/jobs/" + done + "/cancel", account.apiKey(), Map.of());
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.json("detail").asString()).contains("already ended (completed)");
        TestAccount other = newAccount("Other", null);
        assertThat(api.post("/api/jobs/" + done + "/cancel", other.apiKey(), Map.of()).status()).isEqualTo(404);

        var backfills = api.get("/api/jobs?kind=backfill", account.apiKey());
        assertThat(backfills.json("total").asLong()).isEqualTo(1);
        assertThat(backfills.json("items").get(0).path("id").asString()).isEqualTo(done.toString());
        String halfAnHourAgo = java.time.Instant.now().minus(Duration.ofMinutes(30)).toString();
        var recent = api.get("/api/jobs?from=" + halfAnHourAgo, account.apiKey());
        assertThat(recent.json("items")).extracting(item -> item.path("id").asString())
                .contains(reset.toString()).doesNotContain(done.toString());
        var older = api.get("/api/jobs?to=" + halfAnHourAgo, account.apiKey());
        assertThat(older.json("items")).extracting(item -> item.path("id").asString()).containsExactly(done.toString());
        var ofAccount = api.get("/admin/jobs?account=" + account.id() + "&status=running", ADMIN_TOKEN);
        assertThat(ofAccount.json("items")).extracting(item -> item.path("id").asString())
                .containsExactly(reset.toString());
        assertThat(api.get("/api/jobs?from=2026-12-06T00:00:00Z&to=2026-12-05T00:00:00Z", account.apiKey()).status())
                .isEqualTo(400);
    }
}
