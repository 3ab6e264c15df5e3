package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.testkit.imports.ImportHarness;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.WorkerFactory;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The api process stored the Monica token under one {@code KINFLOW_CREDENTIALS_KEY}, the worker runs with another:
 * the worker's first Monica call cannot decrypt it (AES-GCM tag failure) and the import fails at once, non-retryable,
 * with a reason naming the setting — no request reaches Monica, no silent retrying, and the stored token is deleted.
 */
class CredentialUnreadableImportTest {

    static final String TOKEN = "unreadable-test-token-5e21";

    @Test
    void aWorkerWithAnotherKeyFailsTheImportAtOnceWithAReadableReason() throws Exception {
        try (ImportHarness harness = new ImportHarness();
             FakeMonicaServer monica = new FakeMonicaServer(MonicaDataset.generate(MonicaDataset.Spec.of(50)), TOKEN)) {
            UUID account = harness.newAccount("FR");
            byte[] otherKey = new byte[32];
            otherKey[0] = 1;
            CredentialStore apiProcessStore = new CredentialStore(harness.jdbc,
                    Base64.getEncoder().encodeToString(otherKey), "target/unused");
            UUID credential = apiProcessStore.store(account, "monica-token", TOKEN);
            UUID jobId = UUID.randomUUID();
            String importId = UUID.randomUUID().toString();
            harness.jobs.insertRunning(jobId, account, ContactImportWorkflow.KIND,
                    ContactImportWorkflow.workflowId(importId), Map.of());
            WorkerFactory worker = harness.startWorkers();
            ContactImportWorkflow workflow = harness.env.getWorkflowClient().newWorkflowStub(
                    ContactImportWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.DEFAULT)
                            .setWorkflowId(ContactImportWorkflow.workflowId(importId))
                            .setTypedSearchAttributes(KinflowSearchAttributes.of(account.toString(),
                                    ContactImportWorkflow.KIND))
                            .build());
            WorkflowClient.start(workflow::importContacts, new ImportRequest(account.toString(), jobId.toString(),
                    importId, credential.toString(), monica.baseUrl(), new ImportOptions(false, false, false, "FR", 55),
                    null));

            WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () ->
                    WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, ImportResult.class));
            worker.shutdownNow();

            Throwable cause = failed.getCause();
            assertThat(cause).isInstanceOf(ApplicationFailure.class);
            ApplicationFailure reason = (ApplicationFailure) cause;
            assertThat(reason.getType()).isEqualTo(CredentialUnreadableException.TYPE);
            assertThat(reason.isNonRetryable()).isTrue();
            assertThat(reason.getOriginalMessage()).contains("KINFLOW_CREDENTIALS_KEY").doesNotContain(TOKEN);
            assertThat(monica.requests()).as("nothing sent to Monica").isEmpty();
            assertThat(harness.jobs.find(jobId).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
            assertThat(harness.jdbc.sql("SELECT count(*) FROM credentials WHERE id = ?").param(credential)
                    .query(Long.class).single()).as("the token is deleted when the import ends").isZero();
            long fetches = harness.env.getWorkflowClient().fetchHistory(
                            ContactImportWorkflow.workflowId(importId)).getEvents().stream()
                    .filter(e -> e.hasActivityTaskScheduledEventAttributes()
                            && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().startsWith("Fetch"))
                    .count();
            assertThat(fetches).as("one Monica call attempted, not retried").isEqualTo(1);
        }
    }
}
