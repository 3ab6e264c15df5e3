package dev.kinflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.outreach.OutreachFixture;
import dev.kinflow.testing.ApiTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generic cancel ({@code POST /api/jobs/{id}/cancel}, {@code /admin/jobs/{id}/cancel}) stops jobs that are really
 * running — a backfill waiting while paused (Temporal cancellation) and an outreach batch waiting for its minimum gap
 * (the batch's {@code cancel} update) — and both end {@code cancelled}; a reset answers 409 with its reason
 * (the account's own API already refuses writes while it resets; the admin endpoint gives the kind's reason).
 */
class JobCancelApiTest extends ApiTestBase {

    @Test
    void aRunningBackfillIsCancelledThroughTheAccountsJobEndpoint() {
        TestAccount account = newAccount("Cancel backfill", "FR");
        for (int i = 0; i < 5; i++) {
            api.post("/api/contacts", account.apiKey(), Map.of("firstName", "C" + i,
                    "phones", List.of(Map.of("value", "06 12 34 56 7" + i))));
        }
        var started = api.post("/api/backfills", account.apiKey(), Map.of("kind", "phone-e164", "batchSize", 1,
                "maxRowsPerSecond", 1));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String backfillPath = "/api/backfills/" + started.json("id").asString();
        String jobId = api.get(backfillPath, account.apiKey()).json("jobId").asString();
        var paused = api.post(backfillPath + "/pause", account.apiKey(), Map.of());
        assertThat(paused.status()).as(paused.raw()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var job = api.get("/api/jobs/" + jobId, account.apiKey());
            return !job.json("status").asString().equals("running")
                    || job.json("waiting").path("reason").asString("").startsWith("paused");
        });
        var waiting = api.get("/api/jobs/" + jobId, account.apiKey());
        assertThat(waiting.json("waiting").path("reason").asString("")).as(waiting.raw()).startsWith("paused");

        var cancel = api.post("/api/jobs/" + jobId + "/cancel", account.apiKey(), Map.of());

        assertThat(cancel.status()).as(cancel.raw()).isEqualTo(202);
        assertThat(cancel.json("id").asString()).isEqualTo(jobId);
        var job = awaitJobFinished(account, jobId);
        assertThat(job.json("status").asString()).isEqualTo("cancelled");
        assertThat(job.json("error").isNull() || job.json("error").isMissingNode()).isTrue();
        assertThat(api.get(backfillPath, account.apiKey()).json("status").asString()).isEqualTo("cancelled");
        var again = api.post("/api/jobs/" + jobId + "/cancel", account.apiKey(), Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json("detail").asString()).contains("already ended (cancelled)");
    }

    @Test
    void aWaitingOutreachBatchIsCancelledThroughTheAdminJobEndpoint() {
        TestAccount account = newAccount("Cancel outreach", "FR");
        OutreachFixture outreach = new OutreachFixture(api, jdbc);
        outreach.putSettings(account, OutreachFixture.settings(3600));
        String phone = outreach.device(account, "phone");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(outreach.contact(account, "C" + i, "Co", "+3361111000" + i));
        }
        var batch = outreach.startBatch(account, phone, ids);
        String batchPath = "/api/outreach/batches/" + batch.json("id").asLong();
        String jobId = batch.json("jobId").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.get(batchPath, account.apiKey()).json("waitingFor").asString("").startsWith("minimum gap"));

        var cancel = api.post("/admin/jobs/" + jobId + "/cancel", ADMIN_TOKEN, Map.of());

        assertThat(cancel.status()).as(cancel.raw()).isEqualTo(202);
        assertThat(awaitJobFinished(account, jobId).json("status").asString()).isEqualTo("cancelled");
        var cancelledBatch = api.get(batchPath, account.apiKey());
        assertThat(cancelledBatch.json("status").asString()).isEqualTo("cancelled");
        assertThat(cancelledBatch.json("counts").path("cancelled").asLong()).isEqualTo(3);
        assertThat(api.get("/client/send-queue/pending", phone).json("items")).isEmpty();
        assertThat(api.get("/admin/jobs/" + jobId, ADMIN_TOKEN).json("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void aRunningResetAnswers409WithItsReason() {
        TestAccount account = newAccount("Cancel reset", null);
        var reset = api.post("/api/account/reset", account.apiKey(), Map.of("confirm", "Cancel reset"));
        assertThat(reset.status()).as(reset.raw()).isEqualTo(202);
        String jobId = reset.json("jobId").asString();

        // the account's own API refuses every write while it is resetting (ResettingAccountFilter), cancel included
        var own = api.post("/api/jobs/" + jobId + "/cancel", account.apiKey(), Map.of());
        assertThat(own.status()).as(own.raw()).isEqualTo(409);
        assertThat(own.contentType()).contains("application/problem+json");
        assertThat(own.json("detail").asString()).contains("being reset");
        var admin = api.post("/admin/jobs/" + jobId + "/cancel", ADMIN_TOKEN, Map.of());
        assertThat(admin.status()).as(admin.raw()).isEqualTo(409);
        assertThat(admin.contentType()).contains("application/problem+json");
        assertThat(admin.json("detail").asString()).contains("An account reset cannot be cancelled");
        assertThat(awaitJobFinished(account, jobId).json("status").asString()).isEqualTo("completed");
    }
}
