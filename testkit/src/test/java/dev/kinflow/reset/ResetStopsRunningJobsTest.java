package dev.kinflow.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.imports.MonicaImportTestBase;
import dev.kinflow.outreach.OutreachFixture;
import dev.kinflow.testing.AccountData;
import dev.kinflow.testing.ApiClient;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The reset of an account through the REST API while the account really runs a Monica import (paced, mid-listing)
 * and an outreach batch (a message queued for its device, more waiting for their turn), with the real workflows and
 * activities: both end cancelled, the device is never handed a message of the account once the reset has started,
 * the account is left empty, and another account's running batch is untouched. Runs in real time (nothing waits on
 * a workflow result, so the test server does not skip time): the batch's and the import's waits are real waits.
 */
class ResetStopsRunningJobsTest extends MonicaImportTestBase {

    private static final Duration BOUND = Duration.ofSeconds(90);

    @Autowired
    WorkflowClient workflows;

    private OutreachFixture outreach;

    @BeforeEach
    void outreachFixture() {
        outreach = new OutreachFixture(api, jdbc);
    }

    /** What the device of the reset account saw, polled from the moment the reset was requested. */
    private record DeviceWatch(List<JsonNode> handedOut, List<Integer> statuses, List<Long> lateClaims) {

        static DeviceWatch start() {
            return new DeviceWatch(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                    new CopyOnWriteArrayList<>());
        }
    }

    @Test
    void aResetCancelsTheAccountsImportAndBatchAndNoMessageGoesOutOnceItStarted() {
        TestAccount account = ready(newAccount("Reset While Busy", "FR"));
        TestAccount bystander = ready(newAccount("Busy Bystander", "FR"));
        UUID accountId = UUID.fromString(account.id());

        // the account's batch: one message every 3 s for four minutes (the import below needs over a minute for its
        // first page: its pre-flight takes the minute's only request); its device has claimed and sent the first
        // one, the next ones wait unclaimed
        outreach.putSettings(account, OutreachFixture.settings(3));
        String device = outreach.device(account, "reset phone");
        var batch = outreach.startBatch(account, device, recipients(account, 80));
        await().atMost(BOUND).until(() -> queueRows(accountId, "queued") >= 2);
        List<JsonNode> claimed = items(api.get("/client/send-queue/pending?limit=1", device));
        assertThat(claimed).hasSize(1);
        assertThat(api.post("/client/send-queue/" + claimed.getFirst().path("id").asLong() + "/result", device,
                Map.of("status", "sent")).status()).isEqualTo(200);

        // the account's import: 1 Monica request per minute, so once its first page is written it waits a minute
        // for the next one (no write in flight) and is still listing when the reset comes
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(600).plain());
        var imported = start(account, monica, options(false, false, 1));
        await().atMost(BOUND).until(() -> count("SELECT count(*) FROM import_records WHERE account_id = ?",
                accountId) > 0);
        UUID credential = jdbc.sql("SELECT id FROM credentials WHERE account_id = ?").param(accountId)
                .query(UUID.class).single();

        // the bystander's batch: a message queued for its device, the rest waiting for the next hour
        var bystanderBatch = waitingBatch(bystander);
        var bystanderBefore = AccountData.dump(jdbc, UUID.fromString(bystander.id()));

        String importJob = imported.json("jobId").asString();
        String batchJob = batch.json("jobId").asString();
        assertThat(jobStatus(account, importJob)).isEqualTo("running");
        assertThat(jobStatus(account, batchJob)).isEqualTo("running");
        assertThat(queueRows(accountId, "queued")).as("queued, not yet claimed").isPositive();
        assertThat(count("SELECT count(*) FROM outreach_batch_items WHERE account_id = ? AND status = 'pending'",
                accountId)).isPositive();

        Timestamp resetStart = jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single();
        var reset = api.post("/api/account/reset", account.apiKey(), Map.of("confirm", account.name()));
        assertThat(reset.status()).as(reset.raw()).isEqualTo(202);
        String resetJob = reset.json("jobId").asString();
        DeviceWatch watch = DeviceWatch.start();
        pollDevice(device, accountId, resetStart, watch);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(25)).until(() -> {
            pollDevice(device, accountId, resetStart, watch);
            return !jobStatus(account, resetJob).equals("running");
        });
        pollDevice(device, accountId, resetStart, watch);

        var job = api.get("/api/jobs/" + resetJob, account.apiKey());
        assertThat(job.json("status").asString()).as(job.raw()).isEqualTo("completed");
        assertThat(watch.handedOut()).as("messages handed to the device after the reset started").isEmpty();
        assertThat(watch.lateClaims()).as("queue rows claimed or sent after the reset started").isEmpty();
        assertThat(watch.statuses()).isNotEmpty().allMatch(s -> s == 200 || s == 401);
        JsonNode summary = job.json("summary");
        assertThat(summary.path("cancelledJobs").asInt()).as(job.raw()).isEqualTo(2);
        assertThat(summary.path("terminatedJobs").asInt()).as("both workflows honour the cancellation").isZero();
        assertThat(summary.path("withdrawnItems").asLong()).isPositive();
        assertThat(jobStatus(account, importJob)).isEqualTo("cancelled");
        assertThat(jobStatus(account, batchJob)).isEqualTo("cancelled");
        assertThat(workflowStatus(imported)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
        assertThat(workflowStatus(batch)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
        assertThat(count("SELECT count(*) FROM credentials WHERE id = ?", credential)).isZero();

        assertThat(api.get("/client/send-queue/pending", device).status()).as("device deleted").isEqualTo(401);
        assertEmptyButKeptAndRecreated(accountId);

        assertThat(AccountData.dump(jdbc, UUID.fromString(bystander.id()))).isEqualTo(bystanderBefore);
        assertThat(api.get("/api/outreach/batches/" + bystanderBatch.id(), bystander.apiKey()).json("status")
                .asString()).isEqualTo("sending");
        assertThat(jobStatus(bystander, bystanderBatch.jobId())).isEqualTo("running");
        assertThat(items(api.get("/client/send-queue/pending", bystanderBatch.deviceToken())))
                .as("the bystander's device still gets its queued message").hasSize(1);
        assertThat(api.post("/api/outreach/batches/" + bystanderBatch.id() + "/cancel", bystander.apiKey(), Map.of())
                .status()).isEqualTo(200);
    }

    /** Waits until the account's bootstrap has provisioned it and no job of it runs. */
    private TestAccount ready(TestAccount account) {
        await().atMost(BOUND).until(() ->
                api.get("/api/jobs?status=running", account.apiKey()).json("total").asLong() == 0
                        && api.get("/api/outreach/settings", account.apiKey()).status() == 200);
        return account;
    }

    private List<Long> recipients(TestAccount account, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(outreach.contact(account, "Ann" + i, "ACME", "+336120000%02d".formatted(i)));
        }
        return ids;
    }

    private record RunningBatch(long id, String jobId, String deviceToken) {
    }

    /** A batch that has queued one message (unclaimed) and waits an hour for the next: its rows stay still. */
    private RunningBatch waitingBatch(TestAccount account) {
        Map<String, Object> settings = OutreachFixture.settings(0);
        settings.put("maxPerHour", 1);
        outreach.putSettings(account, settings);
        String device = outreach.device(account, "bystander phone");
        var batch = outreach.startBatch(account, device, recipients(account, 3));
        String path = "/api/outreach/batches/" + batch.json("id").asLong();
        await().atMost(BOUND).until(() -> api.get(path, account.apiKey()).json("waitingFor").asString("")
                .startsWith("per-hour"));
        assertThat(queueRows(UUID.fromString(account.id()), "queued")).isEqualTo(1);
        return new RunningBatch(batch.json("id").asLong(), batch.json("jobId").asString(), device);
    }

    /** One device poll as the reset account's device, and any queue row of the account claimed or sent since. */
    private void pollDevice(String device, UUID accountId, Timestamp since, DeviceWatch watch) {
        var pending = api.get("/client/send-queue/pending?limit=50", device);
        watch.statuses().add(pending.status());
        watch.handedOut().addAll(items(pending));
        watch.lateClaims().addAll(jdbc.sql("""
                        SELECT id FROM send_queue WHERE account_id = ? AND status IN ('claimed', 'sent')
                          AND (claimed_at >= ? OR result_at >= ?)""")
                .params(accountId, since, since).query(Long.class).list());
    }

    private void assertEmptyButKeptAndRecreated(UUID accountId) {
        AccountData.counts(jdbc, accountId).forEach((table, rows) -> {
            if (ResetRegistry.RECREATED_BY_BOOTSTRAP.contains(table)) {
                assertThat(rows).as(table).isPositive();
            } else if (table.equals("audit_logs")) {
                assertThat(rows).as("the reset's own audit entry").isEqualTo(1);
            } else if (!ResetRegistry.KEPT.containsKey(table)) {
                assertThat(rows).as(table).isZero();
            }
        });
    }

    private static List<JsonNode> items(ApiClient.Response response) {
        List<JsonNode> items = new ArrayList<>();
        response.json("items").forEach(items::add);
        return items;
    }

    private long queueRows(UUID accountId, String status) {
        return count("SELECT count(*) FROM send_queue WHERE account_id = ? AND status = ?", accountId, status);
    }

    private String jobStatus(TestAccount account, String jobId) {
        return api.get("/api/jobs/" + jobId, account.apiKey()).json("status").asString();
    }

    private WorkflowExecutionStatus workflowStatus(ApiClient.Response started) {
        return workflows.newUntypedWorkflowStub(started.json("workflowId").asString()).describe().getStatus();
    }
}
