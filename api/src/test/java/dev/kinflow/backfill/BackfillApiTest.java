package dev.kinflow.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.testing.ApiClient;
import dev.kinflow.testing.ApiTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillApiTest extends ApiTestBase {

    private ApiClient.Response awaitBackfill(String path, String token) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String status = api.get(path, token).json("status").asString();
            return !status.equals("running") && !status.equals("paused");
        });
        return api.get(path, token);
    }

    private String phones(TestAccount account) {
        return jdbc.sql("""
                        SELECT string_agg(id || '=' || value || '/' || origin, ',' ORDER BY id) FROM contact_fields
                        WHERE account_id = ?::uuid""")
                .param(account.id()).query(String.class).single();
    }

    @Test
    void aDryRunReportsWithoutWritingAndTheRealRunAppliesTheSameChanges() {
        TestAccount account = newAccount("Backfill phones", null);
        api.post("/api/contacts", account.apiKey(), Map.of("firstName", "Ana",
                "phones", List.of(Map.of("value", "06 12 34 56 78"), Map.of("value", "+33 6 12 34 56 78"),
                        Map.of("value", "ask reception"))));
        api.patch("/api/account", account.apiKey(), Map.of("defaultRegion", "FR"));
        String before = phones(account);

        var started = api.post("/api/backfills", account.apiKey(), Map.of("kind", "phone-e164"));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String id = started.json("id").asString();
        var dry = awaitBackfill("/api/backfills/" + id, account.apiKey());
        assertThat(dry.json("status").asString()).isEqualTo("completed");
        assertThat(dry.json("dryRun").asBoolean()).isTrue();
        assertThat(List.of(dry.json("scanned").asLong(), dry.json("changed").asLong(), dry.json("unchanged").asLong(),
                dry.json("failed").asLong())).containsExactly(3L, 2L, 0L, 1L);
        assertThat(dry.json("report").path("sample").get(0).path("before").asString()).isEqualTo("06 12 34 56 78");
        assertThat(phones(account)).isEqualTo(before);

        String realId = api.post("/api/backfills", account.apiKey(), Map.of("kind", "phone-e164", "dryRun", false,
                "batchSize", 1, "maxRowsPerSecond", 1000)).json("id").asString();
        var real = awaitBackfill("/api/backfills/" + realId, account.apiKey());
        assertThat(real.json("changed").asLong()).isEqualTo(dry.json("changed").asLong());
        assertThat(real.json("report").path("sample")).isEqualTo(dry.json("report").path("sample"));
        assertThat(phones(account)).doesNotContain("06 12 34 56 78").contains("ask reception/user");
        var job = api.get("/api/jobs/" + real.json("jobId").asString(), account.apiKey());
        assertThat(job.json("status").asString()).isEqualTo("completed");
        assertThat(job.json("kind").asString()).isEqualTo("backfill");

        assertThat(api.post("/api/backfills/" + realId + "/pause", account.apiKey(), Map.of()).status())
                .as("a finished backfill cannot be paused").isEqualTo(409);
    }

    @Test
    void badRequestsAreRejectedWithTheirFieldsAndStartNothing() {
        TestAccount account = newAccount("Backfill invalid", "FR");
        var unknown = api.post("/api/backfills", account.apiKey(), Map.of("kind", "make-coffee"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(unknown.json("errors").get(0).path("field").asString()).isEqualTo("kind");
        var tooBig = api.post("/api/backfills", account.apiKey(), Map.of("kind", "phone-e164", "batchSize", 0,
                "maxRowsPerSecond", -1));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json("errors").toString()).contains("batchSize", "maxRowsPerSecond");
        assertThat(api.post("/api/backfills", account.apiKey(), Map.of()).status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM backfill_runs WHERE account_id = ?::uuid").param(account.id())
                .query(Long.class).single()).isZero();
        assertThat(api.get("/api/jobs", account.apiKey()).raw()).doesNotContain("\"backfill\"");
    }

    @Test
    void anAdminBackfillSpansEveryAccountAndIsNotAnAccountsToSee() {
        TestAccount account = newAccount("Backfill admin", "FR");
        var started = api.post("/admin/backfills", ADMIN_TOKEN, Map.of("kind", "orphan-sweep"));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String id = started.json("id").asString();
        var done = awaitBackfill("/admin/backfills/" + id, ADMIN_TOKEN);
        assertThat(done.json("status").asString()).isEqualTo("completed");
        assertThat(done.json("scope").asString()).isEqualTo("all");
        assertThat(done.json("report").path("steps").has("import-records")).isTrue();
        assertThat(api.get("/api/backfills/" + id, account.apiKey()).status()).isEqualTo(404);
        assertThat(api.post("/admin/backfills", account.apiKey(), Map.of("kind", "orphan-sweep")).status())
                .as("an API key is the wrong kind of token for /admin").isEqualTo(403);
    }
}
