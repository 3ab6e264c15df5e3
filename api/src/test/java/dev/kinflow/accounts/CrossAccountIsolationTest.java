package dev.kinflow.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api/**} endpoint, called with account A's key on account B's data, behaves as if B's data did not
 * exist (404 for ids, absent from lists). The test enumerates the application's mappings: a new {@code /api}
 * endpoint fails {@link #everyApiEndpointIsCovered} until a check for it is added to {@link #checks}.
 */
class CrossAccountIsolationTest extends ApiTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    TestAccount a;
    TestAccount b;
    long contactOfB;
    String jobOfB;
    long conversationOfB;
    String backfillOfB;
    long deviceOfB;
    long batchOfB;
    long candidateOfB;
    long mergeOfB;
    long keyOfB;
    String secondKeyOfB;
    long photoOfB;

    @BeforeEach
    void twoAccounts() {
        a = newAccount("Isolation A", "FR");
        b = newAccount("Isolation B", "FR");
        contactOfB = api.post("/api/contacts", b.apiKey(), Map.of("firstName", "Secret", "lastName", "OfB"))
                .json("id").asLong();
        jobOfB = api.get("/api/jobs", b.apiKey()).json("items").get(0).path("id").asString();
        conversationOfB = api.post("/api/conversations/inbound", b.apiKey(), Map.of("channel", "whatsapp",
                "from", "+33677777777", "body", "secret", "externalId", "isolation-" + b.id(),
                "sentAt", "2026-11-01T10:00:00Z")).json("conversationId").asLong();
        backfillOfB = api.post("/api/backfills", b.apiKey(), Map.of("kind", "orphan-sweep")).json("id").asString();
        deviceOfB = api.post("/api/devices", b.apiKey(), Map.of("name", "B's phone")).json("id").asLong();
        var secondKey = api.post("/api/account/keys", b.apiKey(), Map.of("label", "B's second key"));
        keyOfB = secondKey.json("id").asLong();
        secondKeyOfB = secondKey.json("apiKey").asString();
        batchOfB = api.post("/api/outreach/batches", b.apiKey(), Map.of("template", "Hi {{firstName}}",
                "recipients", Map.of("contactIds", List.of(contactOfB)), "deviceId", deviceOfB)).json("id").asLong();
        candidateOfB = candidateOf(b, "Twin");
        long otherPair = candidateOf(b, "Pair");
        var merge = api.post("/api/duplicates/" + otherPair + "/merge", b.apiKey(), Map.of("survivorId",
                jdbc.sql("SELECT contact_a FROM duplicate_candidates WHERE id = ?").param(otherPair)
                        .query(Long.class).single()));
        assertThat(merge.status()).as(merge.raw()).isEqualTo(200);
        mergeOfB = merge.json("mergeId").asLong();
        jdbc.sql("INSERT INTO notes (account_id, contact_id, body) VALUES (CAST(? AS uuid), ?, 'secret note')")
                .params(b.id(), contactOfB).update();
        photoOfB = jdbc.sql("""
                        INSERT INTO photos (account_id, contact_id, content_hash, mime, bytes)
                        VALUES (CAST(? AS uuid), ?, 'secret-hash', 'image/png', ?) RETURNING id""")
                .params(b.id(), contactOfB, new byte[] {1}).query(Long.class).single();
    }

    private Map<String, Object> outreachSettings(int maxPerMinute) {
        return Map.of("paused", false, "maxPerMinute", maxPerMinute, "maxPerHour", 60, "maxPerDay", 300,
                "minGapSeconds", 20, "ackTimeoutMinutes", 30);
    }

    /** Two contacts of the account and a pending candidate pair between them (written directly). */
    long candidateOf(TestAccount account, String name) {
        var ids = api.post("/api/contacts/bulk", account.apiKey(), List.of(Map.of("firstName", name),
                Map.of("firstName", name))).json("ids");
        return jdbc.sql("""
                        INSERT INTO duplicate_candidates (account_id, contact_a, contact_b, score, reasons)
                        VALUES (CAST(? AS uuid), ?, ?, 0.9, '[]') RETURNING id""")
                .params(account.id(), ids.get(0).asLong(), ids.get(1).asLong()).query(Long.class).single();
    }

    /** One check per endpoint, keyed by "METHOD pattern". */
    Map<String, Consumer<String>> checks() {
        Map<String, Consumer<String>> checks = new LinkedHashMap<>();
        checks.put("GET /api/account", key ->
                assertThat(api.get("/api/account", key).json("id").asString()).isEqualTo(a.id()));
        checks.put("PATCH /api/account", key -> {
            api.patch("/api/account", key, Map.of("name", "Renamed A"));
            assertThat(api.get("/api/account", b.apiKey()).json("name").asString()).isEqualTo("Isolation B");
        });
        checks.put("POST /api/account/bootstrap", key ->
                assertThat(api.post("/api/account/bootstrap", key, Map.of()).json("workflowId").asString())
                        .isEqualTo("account-bootstrap-" + a.id()));
        checks.put("GET /api/account/keys", key -> {
            var keys = api.get("/api/account/keys", key);
            assertThat(keys.json("items")).hasSize(1);
            assertThat(keys.raw()).doesNotContain("B's second key").doesNotContain("\"id\":" + keyOfB + ",");
        });
        checks.put("POST /api/account/keys", key -> {
            String mine = api.post("/api/account/keys", key, Map.of("label", "A's extra")).json("apiKey").asString();
            assertThat(api.get("/api/account", mine).json("id").asString()).isEqualTo(a.id());
            assertThat(api.get("/api/account/keys", b.apiKey()).raw()).doesNotContain("A's extra");
        });
        checks.put("DELETE /api/account/keys/{id}", key -> {
            assertThat(api.delete("/api/account/keys/" + keyOfB, key).status()).isEqualTo(404);
            assertThat(api.get("/api/account", secondKeyOfB).json("id").asString()).isEqualTo(b.id());
        });
        checks.put("GET /api/devices", key ->
                assertThat(api.get("/api/devices", key).raw()).doesNotContain("B's phone"));
        checks.put("DELETE /api/devices/{id}", key -> {
            assertThat(api.delete("/api/devices/" + deviceOfB, key).status()).isEqualTo(404);
            assertThat(api.get("/api/devices", b.apiKey()).raw()).contains("B's phone");
        });
        checks.put("POST /api/account/reset", key -> {
            var refused = api.post("/api/account/reset", key, Map.of("confirm", b.name()));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(api.get("/api/account", b.apiKey()).json("status").asString()).isEqualTo("active");
            assertThat(api.get("/api/contacts/" + contactOfB, b.apiKey()).status()).isEqualTo(200);
        });
        checks.put("GET /api/contacts", key -> {
            var page = api.get("/api/contacts?q=Secret", key);
            assertThat(page.json("total").asLong()).isZero();
        });
        checks.put("POST /api/contacts", key -> {
            long id = api.post("/api/contacts", key, Map.of("firstName", "Mine")).json("id").asLong();
            assertThat(api.get("/api/contacts/" + id, b.apiKey()).status()).isEqualTo(404);
        });
        checks.put("POST /api/contacts/bulk", key -> {
            long id = api.post("/api/contacts/bulk", key, List.of(Map.of("firstName", "Mine"))).json("ids").get(0).asLong();
            assertThat(api.get("/api/contacts/" + id, b.apiKey()).status()).isEqualTo(404);
        });
        checks.put("GET /api/contacts/{id}", key ->
                assertThat(api.get("/api/contacts/" + contactOfB, key).status()).isEqualTo(404));
        checks.put("PATCH /api/contacts/{id}", key ->
                assertThat(api.patch("/api/contacts/" + contactOfB, key, Map.of("firstName", "Hacked")).status())
                        .isEqualTo(404));
        checks.put("DELETE /api/contacts/{id}", key ->
                assertThat(api.delete("/api/contacts/" + contactOfB, key).status()).isEqualTo(404));
        for (String kind : List.of("notes", "activities", "reminders", "tasks", "relationships", "photos")) {
            checks.put("GET /api/contacts/{id}/" + kind, key -> {
                var response = api.get("/api/contacts/" + contactOfB + "/" + kind, key);
                assertThat(response.status()).as(kind).isEqualTo(404);
                assertThat(response.raw()).doesNotContain("secret");
            });
        }
        checks.put("GET /api/contacts/{id}/photos/{photoId}", key -> {
            assertThat(api.get("/api/contacts/" + contactOfB + "/photos/" + photoOfB, key).status()).isEqualTo(404);
            long mine = api.post("/api/contacts", key, Map.of("firstName", "Mine")).json("id").asLong();
            assertThat(api.get("/api/contacts/" + mine + "/photos/" + photoOfB, key).status()).isEqualTo(404);
        });
        for (String action : List.of("merge-preview", "merge")) {
            checks.put("POST /api/contacts/{survivorId}/" + action, key -> {
                long mine = api.post("/api/contacts", key, Map.of("firstName", "Mine")).json("id").asLong();
                assertThat(api.post("/api/contacts/" + mine + "/" + action, key, Map.of("otherId", contactOfB))
                        .status()).as(action).isEqualTo(404);
                var asSurvivor = api.post("/api/contacts/" + contactOfB + "/" + action, key, Map.of("otherId", mine));
                assertThat(asSurvivor.status()).as(action).isEqualTo(404);
                assertThat(asSurvivor.raw()).doesNotContain("Secret");
                assertThat(api.get("/api/contacts/" + mine, key).status()).isEqualTo(200);
            });
        }
        checks.put("POST /api/conversations/{id}/link", key -> {
            long mine = api.post("/api/contacts", key, Map.of("firstName", "Mine")).json("id").asLong();
            assertThat(api.post("/api/conversations/" + conversationOfB + "/link", key, Map.of("contactId", mine))
                    .status()).isEqualTo(404);
            long myConversation = api.post("/api/conversations/inbound", key, Map.of("channel", "whatsapp",
                    "from", "+33655555555", "body", "mine", "externalId", "link-" + a.id(),
                    "sentAt", "2026-11-01T10:00:00Z")).json("conversationId").asLong();
            assertThat(api.post("/api/conversations/" + myConversation + "/link", key,
                    Map.of("contactId", contactOfB)).status()).isEqualTo(404);
            assertThat(jdbc.sql("SELECT count(*) FROM conversation_peer_links WHERE contact_id = ?").param(contactOfB)
                    .query(Long.class).single()).isZero();
        });
        checks.put("GET /api/jobs", key ->
                assertThat(api.get("/api/jobs?limit=200", key).json("items").toString()).doesNotContain(jobOfB));
        checks.put("GET /api/jobs/{id}", key ->
                assertThat(api.get("/api/jobs/" + jobOfB, key).status()).isEqualTo(404));
        checks.put("POST /api/jobs/{id}/cancel", key ->
                assertThat(api.post("/api/jobs/" + jobOfB + "/cancel", key, Map.of()).status()).isEqualTo(404));
        checks.put("POST /api/conversations/inbound", key -> {
            long mine = api.post("/api/conversations/inbound", key, Map.of("channel", "whatsapp",
                    "from", "+33677777777", "body", "mine", "externalId", "isolation-" + b.id(),
                    "sentAt", "2026-11-01T10:00:00Z")).json("conversationId").asLong();
            assertThat(mine).as("same number and external id, another account").isNotEqualTo(conversationOfB);
            assertThat(api.get("/api/conversations/" + conversationOfB + "/messages", b.apiKey()).json("total")
                    .asLong()).isEqualTo(1);
        });
        checks.put("GET /api/conversations", key ->
                assertThat(api.get("/api/conversations?limit=200", key).raw()).doesNotContain(b.id()));
        checks.put("GET /api/conversations/{id}/messages", key ->
                assertThat(api.get("/api/conversations/" + conversationOfB + "/messages", key).status())
                        .isEqualTo(404));
        checks.put("POST /api/backfills", key -> {
            String mine = api.post("/api/backfills", key, Map.of("kind", "phone-e164")).json("id").asString();
            assertThat(api.get("/api/backfills/" + mine, b.apiKey()).status()).isEqualTo(404);
        });
        checks.put("GET /api/backfills/{id}", key ->
                assertThat(api.get("/api/backfills/" + backfillOfB, key).status()).isEqualTo(404));
        for (String action : List.of("pause", "resume", "cancel")) {
            checks.put("POST /api/backfills/{id}/" + action, key ->
                    assertThat(api.post("/api/backfills/" + backfillOfB + "/" + action, key, Map.of()).status())
                            .isEqualTo(404));
        }
        checks.put("GET /api/outreach/settings", key -> {
            api.put("/api/outreach/settings", b.apiKey(), outreachSettings(7));
            assertThat(api.get("/api/outreach/settings", key).json("maxPerMinute").asInt()).isNotEqualTo(7);
        });
        checks.put("PUT /api/outreach/settings", key -> {
            api.put("/api/outreach/settings", b.apiKey(), outreachSettings(7));
            assertThat(api.put("/api/outreach/settings", key, outreachSettings(9)).status()).isEqualTo(200);
            assertThat(api.get("/api/outreach/settings", b.apiKey()).json("maxPerMinute").asInt()).isEqualTo(7);
        });
        checks.put("POST /api/devices", key -> {
            long id = api.post("/api/devices", key, Map.of("name", "A's phone")).json("id").asLong();
            assertThat(api.post("/api/outreach/batches", b.apiKey(), Map.of("template", "Hi",
                    "recipients", Map.of("all", true), "deviceId", id)).status()).isEqualTo(400);
        });
        checks.put("POST /api/outreach/batches", key -> {
            assertThat(api.post("/api/outreach/batches", key, Map.of("template", "Hi",
                    "recipients", Map.of("contactIds", List.of(contactOfB)), "deviceId", deviceOfB)).status())
                    .isEqualTo(400);
            var dryRun = api.post("/api/outreach/batches", key, Map.of("template", "Hi",
                    "recipients", Map.of("all", true), "deviceId", deviceOfB, "dryRun", true));
            assertThat(dryRun.status()).isEqualTo(400);
            assertThat(dryRun.raw()).doesNotContain("Secret");
        });
        checks.put("GET /api/outreach/batches/{id}", key ->
                assertThat(api.get("/api/outreach/batches/" + batchOfB, key).status()).isEqualTo(404));
        checks.put("GET /api/outreach/batches/{id}/items", key ->
                assertThat(api.get("/api/outreach/batches/" + batchOfB + "/items", key).status()).isEqualTo(404));
        for (String steer : List.of("pause", "resume", "cancel")) {
            checks.put("POST /api/outreach/batches/{id}/" + steer, key -> assertThat(
                    api.post("/api/outreach/batches/" + batchOfB + "/" + steer, key, Map.of()).status())
                    .isEqualTo(404));
        }
        checks.put("POST /api/duplicates/scan", key ->
                assertThat(api.post("/api/duplicates/scan", key, Map.of()).json("workflowId").asString())
                        .isEqualTo("duplicate-scan-" + a.id()));
        checks.put("GET /api/duplicates", key -> {
            assertThat(api.get("/api/duplicates?status=pending&limit=500", key).json("total").asLong()).isZero();
            assertThat(api.get("/api/duplicates?status=merged&limit=500", key).json("total").asLong()).isZero();
        });
        checks.put("POST /api/duplicates/{id}/dismiss", key ->
                assertThat(api.post("/api/duplicates/" + candidateOfB + "/dismiss", key, Map.of()).status())
                        .isEqualTo(404));
        checks.put("POST /api/duplicates/{id}/merge", key -> {
            long survivor = jdbc.sql("SELECT contact_a FROM duplicate_candidates WHERE id = ?").param(candidateOfB)
                    .query(Long.class).single();
            assertThat(api.post("/api/duplicates/" + candidateOfB + "/merge", key, Map.of("survivorId", survivor))
                    .status()).isEqualTo(404);
        });
        checks.put("POST /api/merges/{mergeId}/undo", key ->
                assertThat(api.post("/api/merges/" + mergeOfB + "/undo", key, Map.of()).status()).isEqualTo(404));
        String importOfB = java.util.UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO job_runs (id, account_id, kind, workflow_id, status)
                        VALUES (?, CAST(? AS uuid), 'import', ?, 'completed')""")
                .params(java.util.UUID.randomUUID(), b.id(), "import-" + importOfB).update();
        checks.put("POST /api/imports", key -> {
            var refused = api.post("/api/imports", key, Map.of("source", "monica", "baseUrl", "ftp://x",
                    "apiToken", "t"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(jdbc.sql("SELECT count(*) FROM credentials WHERE account_id IN (CAST(? AS uuid), CAST(? AS uuid))")
                    .params(a.id(), b.id()).query(Long.class).single()).isZero();
        });
        checks.put("GET /api/imports/{id}", key -> {
            assertThat(api.get("/api/imports/" + importOfB, key).status()).isEqualTo(404);
            assertThat(api.get("/api/imports/" + importOfB, b.apiKey()).status()).isEqualTo(200);
        });
        checks.put("POST /api/imports/{id}/cancel", key ->
                assertThat(api.post("/api/imports/" + importOfB + "/cancel", key, Map.of()).status()).isEqualTo(404));
        checks.put("POST /api/imports/{id}/retry", key -> assertThat(api.post("/api/imports/" + importOfB + "/retry",
                key, Map.of("apiToken", "t")).status()).isEqualTo(404));
        return checks;
    }

    /**
     * The caller's account (or device) reaches a handler only as the authenticated principal: a plain
     * {@code Account} parameter would be bound from request parameters instead.
     */
    @Test
    void everyAccountOrDeviceParameterIsTheAuthenticatedPrincipal() {
        List<String> unannotated = new java.util.ArrayList<>();
        mappings.getHandlerMethods().values().forEach(handler -> {
            for (var parameter : handler.getMethodParameters()) {
                Class<?> type = parameter.getParameterType();
                if ((type == Account.class || type == dev.kinflow.outreach.Device.class)
                        && !parameter.hasParameterAnnotation(AuthenticationPrincipal.class)) {
                    unannotated.add(handler.getShortLogMessage());
                }
            }
        });
        assertThat(unannotated).isEmpty();
    }

    @Test
    void everyApiEndpointIsCovered() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api"))
                .forEach(p -> info.getMethodsCondition().getMethods()
                        .forEach(m -> endpoints.add(m.name() + " " + p))));
        assertThat(checks().keySet()).containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void noEndpointLetsOneAccountSeeOrChangeAnothersData() {
        checks().forEach((endpoint, check) -> check.accept(a.apiKey()));
        var contact = api.get("/api/contacts/" + contactOfB, b.apiKey());
        assertThat(contact.status()).isEqualTo(200);
        assertThat(contact.json("firstName").asString()).isEqualTo("Secret");
        assertThat(jdbc.sql("SELECT status FROM duplicate_candidates WHERE id = ?").param(candidateOfB)
                .query(String.class).single()).isEqualTo("pending");
        assertThat(jdbc.sql("SELECT status FROM merges WHERE id = ?").param(mergeOfB).query(String.class).single())
                .isEqualTo("applied");
    }
}
