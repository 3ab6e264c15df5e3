package dev.kinflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactApiTest extends ApiTestBase {

    private long contactCount(TestAccount account) {
        return jdbc.sql("SELECT count(*) FROM contacts WHERE account_id = CAST(? AS uuid)").param(account.id())
                .query(Long.class).single();
    }

    @Test
    void createNormalisesPhonesAndEmailsAndMarksUserOrigin() {
        TestAccount account = newAccount("Contacts", "DE");
        var created = api.post("/api/contacts", account.apiKey(), Map.of(
                "firstName", "Grete", "lastName", "Müller",
                "emails", List.of(Map.of("value", " Grete@Example.DE ", "label", "home")),
                "phones", List.of(Map.of("value", "030 1234567", "label", "work"), Map.of("value", "+"),
                        Map.of("value", "N/A")),
                "addresses", List.of(Map.of("line1", "Hauptstr. 5", "postalCode", "10115", "country", "DE")),
                "tags", List.of("family")));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json("emails").get(0).path("value").asString()).isEqualTo("grete@example.de");
        var phones = created.json("phones");
        assertThat(phones.get(0).path("value").asString()).isEqualTo("+49301234567");
        assertThat(phones.get(0).path("raw").asString()).isEqualTo("030 1234567");
        assertThat(phones.get(1).path("value").asString()).isEqualTo("+");
        assertThat(phones.get(2).path("value").asString()).isEqualTo("N/A");
        assertThat(created.json("tags").get(0).asString()).isEqualTo("family");
        assertThat(jdbc.sql("SELECT DISTINCT origin FROM contact_fields WHERE contact_id = ?")
                .param(created.json("id").asLong()).query(String.class).list()).containsExactly("user");

        var fetched = api.get("/api/contacts/" + created.json("id").asLong(), account.apiKey());
        assertThat(fetched.body()).isEqualTo(created.body());
    }

    @Test
    void bulkCreatesUpToAThousandAndRejectsMoreWithoutWriting() {
        TestAccount account = newAccount("Bulk", "US");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(Map.of("firstName", "P" + i, "phones", List.of(Map.of("value", "(415) 555-" + String.format("%04d", i)))));
        }
        var created = api.post("/api/contacts/bulk", account.apiKey(), many);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json("ids").size()).isEqualTo(1000);

        many.add(Map.of("firstName", "one too many"));
        var tooMany = api.post("/api/contacts/bulk", account.apiKey(), many);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(contactCount(account)).isEqualTo(1000);

        var page = api.get("/api/contacts?limit=10&offset=990", account.apiKey());
        assertThat(page.json("total").asLong()).isEqualTo(1000);
        assertThat(page.json("limit").asInt()).isEqualTo(10);
        assertThat(page.json("offset").asInt()).isEqualTo(990);
        assertThat(page.json("items").size()).isEqualTo(10);
        assertThat(page.json("items").get(9).path("phones").get(0).path("value").asString()).isEqualTo("+14155550999");
    }

    @Test
    void oneInvalidElementRejectsTheWholeBulkAndNamesTheField() {
        TestAccount account = newAccount("Bulk invalid", null);
        var response = api.post("/api/contacts/bulk", account.apiKey(), List.of(
                Map.of("firstName", "ok"), Map.of("firstName", "bad", "emails", List.of(Map.of("value", "not-an-email")))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json("errors").toString()).contains("emails");
        assertThat(contactCount(account)).isZero();
    }

    @Test
    void badJsonAndInvalidFieldsAre400ProblemJsonAndWriteNothing() {
        TestAccount account = newAccount("Invalid", null);

        var badJson = api.send("POST", "/api/contacts", account.apiKey(), "{\"firstName\": ");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.contentType()).startsWith("application/problem+json");

        var wrongType = api.send("POST", "/api/contacts", account.apiKey(), "{\"firstName\": \"A\", \"birthdate\": \"yesterday\"}");
        assertThat(wrongType.status()).isEqualTo(400);

        var invalid = api.post("/api/contacts", account.apiKey(), Map.of("firstName", "", "birthdate", "2999-01-01",
                "emails", List.of(Map.of("value", "nope"))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json("errors").toString()).contains("firstName", "birthdate", "emails");

        assertThat(api.get("/api/contacts?limit=0", account.apiKey()).status()).isEqualTo(400);
        assertThat(api.get("/api/contacts/not-a-number", account.apiKey()).status()).isEqualTo(400);
        assertThat(contactCount(account)).isZero();
    }

    @Test
    void oversizedBodiesAre413() {
        TestAccount account = newAccount("Big", null);
        String huge = "{\"firstName\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        var response = api.send("POST", "/api/contacts", account.apiKey(), huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(contactCount(account)).isZero();
    }

    @Test
    void patchAndDelete() {
        TestAccount account = newAccount("Edit", "GB");
        long id = api.post("/api/contacts", account.apiKey(), Map.of("firstName", "Al")).json("id").asLong();

        var patched = api.patch("/api/contacts/" + id, account.apiKey(), Map.of("lastName", "Turing",
                "phones", List.of(Map.of("value", "07400 123456"))));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json("firstName").asString()).isEqualTo("Al");
        assertThat(patched.json("lastName").asString()).isEqualTo("Turing");
        assertThat(patched.json("phones").get(0).path("value").asString()).isEqualTo("+447400123456");

        assertThat(api.delete("/api/contacts/" + id, account.apiKey()).status()).isEqualTo(204);
        assertThat(api.get("/api/contacts/" + id, account.apiKey()).status()).isEqualTo(404);
        assertThat(api.delete("/api/contacts/" + id, account.apiKey()).status()).isEqualTo(404);
    }
}
