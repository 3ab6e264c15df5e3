package dev.kinflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Imported data read back, phones in the account's format, merging any two contacts with a preview. */
class ContactDataApiTest extends ApiTestBase {

    private long contact(TestAccount account, Map<String, Object> body) {
        var created = api.post("/api/contacts", account.apiKey(), body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json("id").asLong();
    }

    private void sql(String sql, Object... params) {
        jdbc.sql(sql).params(params).update();
    }

    @Test
    void notesActivitiesRemindersTasksRelationshipsAndPhotosAreReadable() throws Exception {
        TestAccount account = newAccount("Contact data", "FR");
        long ada = contact(account, Map.of("firstName", "Ada", "lastName", "Lovelace"));
        long charles = contact(account, Map.of("firstName", "Charles", "lastName", "Babbage"));
        for (int i = 1; i <= 3; i++) {
            sql("INSERT INTO notes (account_id, contact_id, body, origin, created_at) "
                    + "VALUES (CAST(? AS uuid), ?, ?, 'import', now() - ? * interval '1 hour')", account.id(), ada,
                    "note " + i, i);
        }
        sql("INSERT INTO contact_activities (account_id, contact_id, summary) VALUES (CAST(? AS uuid), ?, 'Tea')",
                account.id(), ada);
        sql("INSERT INTO reminders (account_id, contact_id, title) VALUES (CAST(? AS uuid), ?, 'Birthday')",
                account.id(), ada);
        sql("INSERT INTO tasks (account_id, contact_id, title) VALUES (CAST(? AS uuid), ?, 'Write')",
                account.id(), ada);
        sql("INSERT INTO relationships (account_id, contact_id, related_contact_id, type) "
                + "VALUES (CAST(? AS uuid), ?, ?, 'colleague')", account.id(), charles, ada);
        long photo = jdbc.sql("INSERT INTO photos (account_id, contact_id, content_hash, mime, bytes) "
                        + "VALUES (CAST(? AS uuid), ?, 'c0ffee', 'image/jpeg', ?) RETURNING id")
                .params(account.id(), ada, new byte[] {(byte) 0xff, (byte) 0xd8, 1}).query(Long.class).single();
        sql("UPDATE contacts SET avatar_photo_id = ? WHERE id = ?", photo, ada);
        String base = "/api/contacts/" + ada;

        var notes = api.get(base + "/notes?limit=2", account.apiKey());
        assertThat(notes.status()).isEqualTo(200);
        assertThat(notes.json("total").asLong()).isEqualTo(3);
        assertThat(notes.json("limit").asInt()).isEqualTo(2);
        assertThat(texts(notes.json("items"), "body")).containsExactly("note 1", "note 2");
        assertThat(texts(api.get(base + "/notes?limit=2&offset=2", account.apiKey()).json("items"), "body"))
                .containsExactly("note 3");
        assertThat(texts(api.get(base + "/activities", account.apiKey()).json("items"), "summary"))
                .containsExactly("Tea");
        assertThat(texts(api.get(base + "/reminders", account.apiKey()).json("items"), "title"))
                .containsExactly("Birthday");
        assertThat(texts(api.get(base + "/tasks", account.apiKey()).json("items"), "title")).containsExactly("Write");
        JsonNode relationship = api.get(base + "/relationships", account.apiKey()).json("items").get(0);
        assertThat(relationship.path("type").asString()).isEqualTo("colleague");
        assertThat(relationship.path("direction").asString()).isEqualTo("incoming");
        assertThat(relationship.path("other").path("id").asLong()).isEqualTo(charles);
        assertThat(relationship.path("other").path("name").asString()).isEqualTo("Charles Babbage");
        assertThat(api.get("/api/contacts/" + charles + "/relationships", account.apiKey()).json("items").get(0)
                .path("direction").asString()).isEqualTo("outgoing");
        JsonNode photoMeta = api.get(base + "/photos", account.apiKey()).json("items").get(0);
        assertThat(photoMeta.path("id").asLong()).isEqualTo(photo);
        assertThat(photoMeta.path("mime").asString()).isEqualTo("image/jpeg");
        assertThat(photoMeta.path("size").asLong()).isEqualTo(3);
        assertThat(photoMeta.path("avatar").asBoolean()).isTrue();
        assertThat(photoMeta.has("bytes")).isFalse();
        assertThat(api.get(base, account.apiKey()).json("avatar").asLong()).isEqualTo(photo);
        assertThat(api.get("/api/contacts/" + charles, account.apiKey()).json("avatar").isNull()).isTrue();

        HttpResponse<byte[]> bytes = photo(account, base + "/photos/" + photo, null);
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(bytes.body()).containsExactly(0xff, 0xd8, 1);
        String etag = bytes.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"c0ffee\"");
        HttpResponse<byte[]> notModified = photo(account, base + "/photos/" + photo, etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(photo(account, base + "/photos/" + photo, "\"other\"").statusCode()).isEqualTo(200);
        assertThat(photo(account, "/api/contacts/" + charles + "/photos/" + photo, null).statusCode())
                .isEqualTo(404);

        for (String kind : List.of("notes", "activities", "reminders", "tasks", "relationships", "photos")) {
            var missing = api.get("/api/contacts/999999999/" + kind, account.apiKey());
            assertThat(missing.status()).as(kind).isEqualTo(404);
            assertThat(missing.contentType()).contains("application/problem+json");
            assertThat(api.get(base + "/" + kind + "?limit=0", account.apiKey()).status()).as(kind).isEqualTo(400);
        }
    }

    @Test
    void everyPhoneIsDisplayedInTheAccountsFormatFromItsOwnRegion() {
        TestAccount account = newAccount("Phone display", "US");
        assertThat(api.get("/api/account", account.apiKey()).json("phoneFormat").asString()).isEqualTo("e164");
        long id = contact(account, Map.of("firstName", "Multi", "phones", List.of(
                Map.of("value", "+33 1 23 45 67 89"), Map.of("value", "+44 20 7946 0958"),
                Map.of("value", "(650) 253-0000"), Map.of("value", "ext. 12"))));
        assertThat(displays(account, id)).containsExactly("+33123456789", "+442079460958", "+16502530000", "ext. 12");

        var national = api.patch("/api/account", account.apiKey(), Map.of("phoneFormat", "national"));
        assertThat(national.status()).as(national.raw()).isEqualTo(200);
        assertThat(national.json("phoneFormat").asString()).isEqualTo("national");
        assertThat(displays(account, id)).containsExactly("01 23 45 67 89", "020 7946 0958", "(650) 253-0000",
                "ext. 12");
        assertThat(api.get("/api/contacts?q=Multi", account.apiKey()).json("items").get(0).path("phones").get(0)
                .path("display").asString()).isEqualTo("01 23 45 67 89");

        api.patch("/api/account", account.apiKey(), Map.of("phoneFormat", "international"));
        assertThat(displays(account, id)).containsExactly("+33 1 23 45 67 89", "+44 20 7946 0958",
                "+1 650-253-0000", "ext. 12");
        api.patch("/api/account", account.apiKey(), Map.of("phoneFormat", "raw"));
        assertThat(displays(account, id)).containsExactly("+33 1 23 45 67 89", "+44 20 7946 0958",
                "(650) 253-0000", "ext. 12");

        var bad = api.patch("/api/account", account.apiKey(), Map.of("phoneFormat", "pretty"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json("errors").get(0).path("field").asString()).isEqualTo("phoneFormat");
        assertThat(api.get("/api/account", account.apiKey()).json("phoneFormat").asString()).isEqualTo("raw");
    }

    @Test
    void anyTwoContactsMergeAfterAPreviewThatWritesNothing() {
        TestAccount account = newAccount("Merge any two", "FR");
        long survivor = contact(account, Map.of("firstName", "Ada", "lastName", "Lovelace",
                "emails", List.of(Map.of("value", "ada@example.org")), "tags", List.of("family")));
        long other = contact(account, Map.of("firstName", "Augusta", "lastName", "King", "company", "Analytical",
                "emails", List.of(Map.of("value", "ada@example.org")),
                "phones", List.of(Map.of("value", "06 12 34 56 78")),
                "addresses", List.of(Map.of("line1", "1 Other Road", "postalCode", "75002")),
                "tags", List.of("math")));
        sql("INSERT INTO notes (account_id, contact_id, body) VALUES (CAST(? AS uuid), ?, 'n')", account.id(), other);
        for (String hash : List.of("same", "new")) {
            sql("INSERT INTO photos (account_id, contact_id, content_hash, mime, bytes) "
                    + "VALUES (CAST(? AS uuid), ?, ?, 'image/png', ?)", account.id(), other, hash, hash.getBytes());
        }
        sql("INSERT INTO photos (account_id, contact_id, content_hash, mime, bytes) "
                + "VALUES (CAST(? AS uuid), ?, 'same', 'image/png', ?)", account.id(), survivor, "same".getBytes());
        long pair = jdbc.sql("INSERT INTO duplicate_candidates (account_id, contact_a, contact_b, score, reasons) "
                        + "VALUES (CAST(? AS uuid), ?, ?, 0.7, '[]') RETURNING id")
                .params(account.id(), Math.min(survivor, other), Math.max(survivor, other)).query(Long.class).single();
        String before = api.get("/api/contacts/" + survivor, account.apiKey()).raw()
                + api.get("/api/contacts/" + other, account.apiKey()).raw();

        var preview = api.post("/api/contacts/" + survivor + "/merge-preview", account.apiKey(),
                Map.of("otherId", other));

        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        JsonNode after = preview.json("survivor");
        assertThat(after.path("id").asLong()).isEqualTo(survivor);
        assertThat(after.path("company").asString()).isEqualTo("Analytical");
        assertThat(texts(after.path("emails"), "value")).containsExactly("ada@example.org");
        assertThat(texts(after.path("phones"), "display")).containsExactly("+33612345678");
        assertThat(texts(after.path("addresses"), "line1")).containsExactly("1 Other Road");
        assertThat(after.path("tags").toString()).isEqualTo("[\"family\",\"math\"]");
        JsonNode moves = preview.json("moves");
        assertThat(moves.path("notes").asInt()).isEqualTo(1);
        assertThat(moves.path("photos").asInt()).isEqualTo(1);
        assertThat(moves.path("photosSkippedAsDuplicates").asInt()).isEqualTo(1);
        assertThat(api.get("/api/contacts/" + survivor, account.apiKey()).raw()
                + api.get("/api/contacts/" + other, account.apiKey()).raw()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT status FROM duplicate_candidates WHERE id = ?").param(pair).query(String.class)
                .single()).isEqualTo("pending");

        var merged = api.post("/api/contacts/" + survivor + "/merge", account.apiKey(), Map.of("otherId", other));
        assertThat(merged.status()).as(merged.raw()).isEqualTo(200);
        assertThat(merged.json("applied").asBoolean()).isTrue();
        var again = api.post("/api/contacts/" + survivor + "/merge", account.apiKey(), Map.of("otherId", other));
        assertThat(again.json("mergeId").asLong()).isEqualTo(merged.json("mergeId").asLong());
        assertThat(again.json("applied").asBoolean()).isFalse();
        assertThat(api.get("/api/contacts/" + other, account.apiKey()).status()).isEqualTo(404);
        assertThat(api.get("/api/contacts/" + survivor + "/notes", account.apiKey()).json("total").asLong())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM duplicate_candidates WHERE id = ?").param(pair).query(String.class)
                .single()).isEqualTo("merged");

        var undo = api.post("/api/merges/" + merged.json("mergeId").asLong() + "/undo", account.apiKey(), Map.of());
        assertThat(undo.status()).isEqualTo(200);
        assertThat(api.get("/api/contacts/" + other, account.apiKey()).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT status FROM duplicate_candidates WHERE id = ?").param(pair).query(String.class)
                .single()).isEqualTo("pending");
    }

    @Test
    void mergingAContactWithItselfOrAnotherAccountsIsRefusedAndWritesNothing() {
        TestAccount account = newAccount("Merge refused", "FR");
        TestAccount other = newAccount("Merge refused other", "FR");
        long mine = contact(account, Map.of("firstName", "Mine"));
        long theirs = contact(other, Map.of("firstName", "Theirs"));
        for (String action : List.of("merge-preview", "merge")) {
            var self = api.post("/api/contacts/" + mine + "/" + action, account.apiKey(), Map.of("otherId", mine));
            assertThat(self.status()).as(action).isEqualTo(400);
            assertThat(self.contentType()).contains("application/problem+json");
            assertThat(self.json("errors").get(0).path("field").asString()).isEqualTo("otherId");
            var missing = api.post("/api/contacts/" + mine + "/" + action, account.apiKey(), Map.of());
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json("errors").toString()).contains("otherId");
            assertThat(api.post("/api/contacts/" + mine + "/" + action, account.apiKey(), Map.of("otherId", theirs))
                    .status()).as(action).isEqualTo(404);
            assertThat(api.post("/api/contacts/" + theirs + "/" + action, account.apiKey(), Map.of("otherId", mine))
                    .status()).as(action).isEqualTo(404);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM merges WHERE account_id IN (CAST(? AS uuid), CAST(? AS uuid))")
                .params(account.id(), other.id()).query(Long.class).single()).isZero();
    }

    private List<String> displays(TestAccount account, long id) {
        return texts(api.get("/api/contacts/" + id, account.apiKey()).json("phones"), "display");
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> out = new ArrayList<>();
        items.forEach(item -> out.add(item.path(field).asString()));
        return out;
    }

    private HttpResponse<byte[]> photo(TestAccount account, String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + account.apiKey()).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
