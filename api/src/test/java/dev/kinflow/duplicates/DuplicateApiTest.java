package dev.kinflow.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiClient;
import dev.kinflow.testing.ApiTestBase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class DuplicateApiTest extends ApiTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void scanListPaginateDismissMergeAndUndoThroughTheApi() {
        TestAccount account = newAccount("Duplicates", "FR");
        String key = account.apiKey();
        List<Long> ids = new ArrayList<>();
        api.post("/api/contacts/bulk", key, List.of(
                Map.of("firstName", "Ada", "lastName", "Lovelace", "emails", List.of(Map.of("value", "ada@example.org"))),
                Map.of("firstName", "ada", "lastName", "LOVELACE", "company", "Analytical Engines",
                        "emails", List.of(Map.of("value", " ADA@Example.org ")),
                        "phones", List.of(Map.of("value", "+44 20 7946 0001"))),
                Map.of("firstName", "Charles", "lastName", "Babbage", "phones", List.of(Map.of("value", "+33 6 12 34 56 78"))),
                Map.of("firstName", "Charlie", "lastName", "Babbage", "phones", List.of(Map.of("value", "06 12 34 56 78"))),
                Map.of("firstName", "Alan", "lastName", "Turing", "addresses", List.of(Map.of("line1", "1 Bletchley Rd", "postalCode", "MK3 6EB"))),
                Map.of("firstName", "Alan", "lastName", "Turing", "addresses", List.of(Map.of("line1", "1 bletchley road", "postalCode", "mk36eb"))),
                Map.of("firstName", "John", "lastName", "Smith", "addresses", List.of(Map.of("line1", "3 High Street", "postalCode", "1000"))),
                Map.of("firstName", "Mary", "lastName", "Smith", "addresses", List.of(Map.of("line1", "3 high st", "postalCode", "1000")))))
                .json("ids").forEach(id -> ids.add(id.asLong()));

        var scan = api.post("/api/duplicates/scan", key, null);
        assertThat(scan.status()).isEqualTo(202);
        var job = awaitJobFinished(account, scan.json("jobId").asString());
        assertThat(job.json("status").asString()).isEqualTo("completed");
        assertThat(job.json("summary").path("candidates").asLong()).isEqualTo(3);

        var firstPage = api.get("/api/duplicates?limit=2", key);
        var secondPage = api.get("/api/duplicates?status=pending&limit=2&offset=2", key);
        assertThat(firstPage.json("total").asLong()).isEqualTo(3);
        assertThat(firstPage.json("limit").asInt()).isEqualTo(2);
        assertThat(firstPage.json("items")).hasSize(2);
        assertThat(secondPage.json("items")).hasSize(1);
        List<JsonNode> all = new ArrayList<>();
        firstPage.json("items").forEach(all::add);
        secondPage.json("items").forEach(all::add);
        assertThat(all).extracting(i -> i.path("score").asDouble()).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        JsonNode ada = all.getFirst();
        assertThat(ada.path("contactA").path("id").asLong()).isEqualTo(ids.get(0));
        assertThat(ada.path("contactB").path("id").asLong()).isEqualTo(ids.get(1));
        assertThat(ada.path("contactA").path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(ada.path("reasons").toString()).contains("\"signal\":\"email\"", "ada@example.org",
                "\"signal\":\"name\"");
        assertThat(ada.path("status").asString()).isEqualTo("pending");
        JsonNode turing = all.getLast();
        assertThat(turing.path("reasons").toString()).contains("\"signal\":\"address\"");

        long turingId = turing.path("id").asLong();
        assertThat(api.post("/api/duplicates/" + turingId + "/dismiss", key, null).json("status").asString())
                .isEqualTo("dismissed");
        assertThat(api.post("/api/duplicates/" + turingId + "/dismiss", key, null).status()).isEqualTo(200);
        awaitJobFinished(account, api.post("/api/duplicates/scan", key, Map.of("full", true)).json("jobId").asString());
        assertThat(api.get("/api/duplicates", key).json("total").asLong()).isEqualTo(2);
        assertThat(api.get("/api/duplicates?status=dismissed", key).json("items").get(0).path("id").asLong())
                .isEqualTo(turingId);

        long adaPair = ada.path("id").asLong();
        var merge = api.post("/api/duplicates/" + adaPair + "/merge", key, Map.of("survivorId", ids.get(0)));
        assertThat(merge.status()).as(merge.raw()).isEqualTo(200);
        assertThat(merge.json("survivorId").asLong()).isEqualTo(ids.get(0));
        assertThat(merge.json("mergedId").asLong()).isEqualTo(ids.get(1));
        assertThat(api.get("/api/contacts/" + ids.get(1), key).status()).isEqualTo(404);
        var survivor = api.get("/api/contacts/" + ids.get(0), key);
        assertThat(survivor.json("emails")).hasSize(1);
        assertThat(survivor.json("phones").get(0).path("value").asString()).isEqualTo("+442079460001");
        assertThat(survivor.json("company").asString()).isEqualTo("Analytical Engines");
        assertThat(api.post("/api/duplicates/" + adaPair + "/merge", key, Map.of("survivorId", ids.get(0)))
                .json("mergeId").asLong()).isEqualTo(merge.json("mergeId").asLong());
        assertThat(api.get("/api/duplicates", key).json("total").asLong()).isEqualTo(1);

        var undo = api.post("/api/merges/" + merge.json("mergeId").asLong() + "/undo", key, null);
        assertThat(undo.status()).isEqualTo(200);
        assertThat(api.get("/api/contacts/" + ids.get(1), key).status()).isEqualTo(200);
        assertThat(api.get("/api/contacts/" + ids.get(0), key).json("company").isNull()).isTrue();
        assertThat(api.get("/api/duplicates", key).json("total").asLong()).isEqualTo(2);
    }

    @Test
    void aSecondScanRequestJoinsTheRunningScan() throws Exception {
        TestAccount account = newAccount("Scan twice", "FR");
        String firstJob;
        try (Connection lock = dataSource.getConnection(); Statement st = lock.createStatement()) {
            lock.setAutoCommit(false);
            st.execute("LOCK TABLE duplicate_scan_state IN ACCESS EXCLUSIVE MODE");

            var first = api.post("/api/duplicates/scan", account.apiKey(), null);
            assertThat(first.status()).isEqualTo(202);
            assertThat(first.json("joined").asBoolean()).isFalse();
            firstJob = first.json("jobId").asString();
            var second = api.post("/api/duplicates/scan", account.apiKey(), Map.of("full", true));
            assertThat(second.status()).isEqualTo(202);
            assertThat(second.json("joined").asBoolean()).isTrue();
            assertThat(second.json("jobId").asString()).isEqualTo(firstJob);
            assertThat(second.json("workflowId").asString()).isEqualTo("duplicate-scan-" + account.id());
            lock.rollback();
        }
        assertThat(awaitJobFinished(account, firstJob).json("status").asString()).isEqualTo("completed");
        assertThat(jdbc.sql("SELECT count(*) FROM job_runs WHERE account_id = CAST(? AS uuid) AND kind = ?")
                .params(account.id(), DuplicateScanWorkflow.KIND).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndUnknownIdsAreNotFound() {
        TestAccount account = newAccount("Duplicates input", null);
        String key = account.apiKey();
        ApiClient.Response status = api.get("/api/duplicates?status=bogus", key);
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.contentType()).contains("application/problem+json");
        assertThat(status.raw()).contains("status");
        assertThat(api.get("/api/duplicates?limit=0", key).status()).isEqualTo(400);
        assertThat(api.post("/api/duplicates/999999/dismiss", key, null).status()).isEqualTo(404);
        assertThat(api.post("/api/merges/999999/undo", key, null).status()).isEqualTo(404);

        var ids = api.post("/api/contacts/bulk", key, List.of(
                Map.of("firstName", "Same", "emails", List.of(Map.of("value", "same@example.org"))),
                Map.of("firstName", "Same", "emails", List.of(Map.of("value", "same@example.org"))))).json("ids");
        awaitJobFinished(account, api.post("/api/duplicates/scan", key, null).json("jobId").asString());
        long pair = api.get("/api/duplicates", key).json("items").get(0).path("id").asLong();
        var missing = api.post("/api/duplicates/" + pair + "/merge", key, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.raw()).contains("survivorId");
        var stranger = api.post("/api/duplicates/" + pair + "/merge", key, Map.of("survivorId", 424242));
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.raw()).contains("survivorId");
        assertThat(api.get("/api/contacts/" + ids.get(1).asLong(), key).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM merges WHERE account_id = CAST(? AS uuid)").param(account.id())
                .query(Long.class).single()).isZero();
    }
}
