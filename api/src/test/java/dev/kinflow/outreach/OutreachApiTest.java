package dev.kinflow.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobRunRepository;
import dev.kinflow.jobs.JobStatusReconciler;
import dev.kinflow.testing.ApiClient;
import dev.kinflow.testing.ApiTestBase;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class OutreachApiTest extends ApiTestBase {

    @Autowired
    WorkflowClient client;

    @Autowired
    JobStatusReconciler reconciler;

    @Autowired
    JobRunRepository jobs;

    private OutreachFixture outreach;

    @BeforeEach
    void outreachFixture() {
        outreach = new OutreachFixture(api, jdbc);
    }

    private List<JsonNode> claimAll(String token, int expected) {
        List<JsonNode> claimed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            api.get("/client/send-queue/pending?limit=50", token).json("items").forEach(claimed::add);
            return claimed.size() >= expected;
        });
        return claimed;
    }

    @Test
    void badSettingsAreRejectedNamingTheFieldAndChangeNothing() {
        TestAccount account = newAccount("Outreach settings", "FR");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.get("/api/outreach/settings", account.apiKey()).status() == 200);
        var defaults = api.get("/api/outreach/settings", account.apiKey());
        assertThat(defaults.status()).isEqualTo(200);

        Map<String, Object[]> bad = Map.of(
                "maxPerMinute", new Object[]{"maxPerMinute", 0},
                "quietHoursStart", new Object[]{"quietHoursStart", "25:00"},
                "timezone", new Object[]{"timezone", "Mars/Olympus"},
                "minGapSeconds", new Object[]{"minGapSeconds", -1},
                "ackTimeoutMinutes", new Object[]{"ackTimeoutMinutes", null});
        bad.forEach((field, change) -> {
            Map<String, Object> body = OutreachFixture.settings(0);
            body.put((String) change[0], change[1]);
            if (field.equals("quietHoursStart")) {
                body.put("quietHoursEnd", "07:00");
            }
            var response = api.put("/api/outreach/settings", account.apiKey(), body);
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(response.contentType()).contains("application/problem+json");
            assertThat(response.json("errors").toString()).as(field).contains("\"" + field + "\"");
        });
        Map<String, Object> halfQuiet = OutreachFixture.settings(0);
        halfQuiet.put("quietHoursStart", "22:00");
        assertThat(api.put("/api/outreach/settings", account.apiKey(), halfQuiet).json("errors").toString())
                .contains("quietHoursEnd");
        assertThat(api.get("/api/outreach/settings", account.apiKey()).body()).isEqualTo(defaults.body());

        Map<String, Object> good = OutreachFixture.settings(5);
        good.put("quietHoursStart", "22:30");
        good.put("quietHoursEnd", "07:00");
        var saved = api.put("/api/outreach/settings", account.apiKey(), good);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        assertThat(saved.json("quietHoursStart").asString()).isEqualTo("22:30");
        assertThat(api.get("/api/outreach/settings", account.apiKey()).json("minGapSeconds").asInt()).isEqualTo(5);
    }

    @Test
    void aDeviceClaimsAndConfirmsItsOwnQueueOnlyAndTheBatchCompletes() {
        TestAccount account = newAccount("Outreach devices", "FR");
        TestAccount other = newAccount("Outreach other", "FR");
        outreach.putSettings(account, OutreachFixture.settings(0));
        String phone = outreach.device(account, "phone");
        String spare = outreach.device(account, "spare");
        String foreign = outreach.device(other, "foreign");
        long ann = outreach.contact(account, "Ann", "ACME", "06 12 34 56 78");
        long bob = outreach.contact(account, "Bob", "Initech", "+33698765432");
        long cid = outreach.contact(account, "Cid", "Globex", "+33611112222");
        long noPhone = outreach.contact(account, "Dee", "Umbrella", null);
        Map<String, Object> request = new HashMap<>(Map.of(
                "template", "Hello {{firstName}} at {{company}} — {{sender}}",
                "recipients", Map.of("contactIds", List.of(ann, bob, cid, noPhone)),
                "vars", Map.of("sender", "Zoé"),
                "deviceId", outreach.deviceId(phone)));

        request.put("dryRun", true);
        var dry = api.post("/api/outreach/batches", account.apiKey(), request);
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        assertThat(dry.json("previews").get(0).path("body").asString()).isEqualTo("Hello Ann at ACME — Zoé");
        assertThat(dry.json("previews").get(0).path("toHandle").asString()).isEqualTo("+33612345678");
        assertThat(dry.json("skipped").get(0).path("reason").asString()).isEqualTo("no_phone");
        assertThat(jdbc.sql("SELECT count(*) FROM outreach_batches WHERE account_id = CAST(? AS uuid)")
                .param(account.id()).query(Long.class).single()).isZero();

        Map<String, Object> missing = new HashMap<>(request);
        missing.put("template", "Hello {{nickname}}");
        var rejected = api.post("/api/outreach/batches", account.apiKey(), missing);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json("errors").get(0).path("field").asString()).isEqualTo("template");
        assertThat(rejected.json("errors").get(0).path("message").asString()).contains("{{nickname}}");

        request.put("dryRun", false);
        var created = api.post("/api/outreach/batches", account.apiKey(), request);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long batchId = created.json("id").asLong();
        assertThat(created.json("counts").path("skipped").asLong()).isEqualTo(1);

        List<JsonNode> messages = claimAll(phone, 3);
        assertThat(messages).extracting(m -> m.path("body").asString()).containsExactly(
                "Hello Ann at ACME — Zoé", "Hello Bob at Initech — Zoé", "Hello Cid at Globex — Zoé");
        assertThat(api.get("/client/send-queue/pending", spare).json("items")).isEmpty();
        assertThat(api.get("/client/send-queue/pending", foreign).json("items")).isEmpty();
        assertThat(api.get("/client/send-queue/pending", null).status()).isEqualTo(401);
        assertThat(api.get("/client/send-queue/pending", account.apiKey()).status())
                .as("an API key is the wrong kind of token for /client").isEqualTo(403);

        long first = messages.get(0).path("id").asLong();
        String path = "/client/send-queue/" + first + "/result";
        assertThat(api.post(path, spare, Map.of("status", "sent")).status()).isEqualTo(404);
        assertThat(api.post(path, foreign, Map.of("status", "sent")).status()).isEqualTo(404);
        assertThat(api.post(path, phone, Map.of("status", "delivered")).status()).isEqualTo(400);
        ApiClient.Response sent = api.post(path, phone, Map.of("status", "sent"));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        assertThat(sent.json("changed").asBoolean()).isTrue();
        assertThat(api.get("/api/outreach/batches/" + batchId + "/items?status=sent", account.apiKey())
                .json("items").get(0).path("contactId").asLong()).isEqualTo(ann);
        assertThat(api.post(path, phone, Map.of("status", "sent")).json("changed").asBoolean()).isFalse();
        assertThat(api.post(path, phone, Map.of("status", "failed", "error", "x")).status()).isEqualTo(409);

        api.post("/client/send-queue/" + messages.get(1).path("id").asLong() + "/result", phone,
                Map.of("status", "failed", "error", "no signal"));
        api.post("/client/send-queue/" + messages.get(2).path("id").asLong() + "/result", phone,
                Map.of("status", "sent"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.get("/api/outreach/batches/" + batchId, account.apiKey()).json("status").asString()
                        .equals("completed"));
        var batch = api.get("/api/outreach/batches/" + batchId, account.apiKey());
        assertThat(batch.json("counts").path("sent").asLong()).isEqualTo(2);
        assertThat(batch.json("counts").path("failed").asLong()).isEqualTo(1);
        assertThat(batch.json("counts").path("skipped").asLong()).isEqualTo(1);
        assertThat(batch.json("details").asString()).isEqualTo("2/4 sent");
        assertThat(awaitJobFinished(account, batch.json("jobId").asString()).json("status").asString())
                .isEqualTo("completed");
    }

    @Test
    void pauseResumeAndCancelAreAcknowledgedAndVisible() {
        TestAccount account = newAccount("Outreach steering", "FR");
        outreach.putSettings(account, OutreachFixture.settings(3600));
        String phone = outreach.device(account, "phone");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(outreach.contact(account, "C" + i, "Co", "+3361111000" + i));
        }
        long batchId = outreach.startBatch(account, phone, ids).json("id").asLong();
        String batchPath = "/api/outreach/batches/" + batchId;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.get(batchPath, account.apiKey()).json("waitingFor").asString("").startsWith("minimum gap"));
        assertThat(api.get(batchPath, account.apiKey()).json("nextSendAt").isNull()).isFalse();

        var paused = api.post(batchPath + "/pause", account.apiKey(), Map.of());
        assertThat(paused.status()).as(paused.raw()).isEqualTo(200);
        assertThat(paused.json("status").asString()).isEqualTo("paused");
        assertThat(api.post(batchPath + "/resume", account.apiKey(), Map.of()).json("status").asString())
                .isEqualTo("sending");

        var cancelled = api.post(batchPath + "/cancel", account.apiKey(), Map.of());
        assertThat(cancelled.json("status").asString()).isEqualTo("cancelled");
        // the first message was queued but no device claimed it: withdrawn with the pending ones
        assertThat(cancelled.json("counts").path("cancelled").asLong()).isEqualTo(3);
        assertThat(api.get("/client/send-queue/pending", phone).json("items")).isEmpty();
        assertThat(api.post(batchPath + "/pause", account.apiKey(), Map.of()).status()).isEqualTo(409);
        assertThat(awaitJobFinished(account, cancelled.json("jobId").asString()).json("status").asString())
                .isEqualTo("cancelled");
    }

    @Test
    void aBatchWhoseWorkflowWasTerminatedIsClosedLikeACancelledOne() {
        TestAccount account = newAccount("Outreach terminated", "FR");
        outreach.putSettings(account, OutreachFixture.settings(3600));
        String phone = outreach.device(account, "phone");
        var created = outreach.startBatch(account, phone, List.of(outreach.contact(account, "T0", "Co", "+33611112000"),
                outreach.contact(account, "T1", "Co", "+33611112001")));
        String batchPath = "/api/outreach/batches/" + created.json("id").asLong();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.get(batchPath, account.apiKey()).json("waitingFor").asString("").startsWith("minimum gap"));
        JobRun job = jobs.find(UUID.fromString(api.get(batchPath, account.apiKey()).json("jobId").asString()))
                .orElseThrow();

        client.newUntypedWorkflowStub(job.workflowId()).terminate("operator stopped it");
        reconciler.reconcile(job);

        var batch = api.get(batchPath, account.apiKey());
        assertThat(batch.json("status").asString()).isEqualTo("cancelled");
        assertThat(batch.json("counts").path("cancelled").asLong()).isEqualTo(2);
        assertThat(api.get("/client/send-queue/pending", phone).json("items")).isEmpty();
        assertThat(api.get("/api/jobs/" + job.id(), account.apiKey()).json("status").asString()).isEqualTo("failed");
    }
}
