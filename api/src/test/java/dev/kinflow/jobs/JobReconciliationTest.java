package dev.kinflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.testing.ApiTestBase;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
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
