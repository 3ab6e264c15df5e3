package dev.kinflow.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiClient;
import dev.kinflow.testing.ApiTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConversationApiTest extends ApiTestBase {

    private ApiClient.Response inbound(TestAccount account, String from, String externalId, String pushName) {
        Map<String, Object> body = new HashMap<>();
        body.put("channel", "whatsapp");
        body.put("from", from);
        body.put("body", "hello from " + externalId);
        body.put("externalId", externalId);
        body.put("sentAt", "2026-11-0" + (1 + Math.floorMod(externalId.hashCode(), 9)) + "T10:00:00Z");
        if (pushName != null) {
            body.put("pushName", pushName);
        }
        return api.post("/api/conversations/inbound", account.apiKey(), body);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void jidPhoneAndFormattedPhoneOfOnePersonLandInOneConversation() {
        TestAccount account = newAccount("Conversations IL", "IL");
        var first = inbound(account, "972502345678@s.whatsapp.net", id(), null);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.json("created").asBoolean()).isTrue();
        assertThat(first.json("canonicalKey").asString()).isEqualTo("phone:" + account.id() + ":+972502345678");
        long conversation = first.json("conversationId").asLong();

        for (String from : List.of("+972 50-234-5678", "050-234-5678", "972502345678:3@s.whatsapp.net")) {
            var next = inbound(account, from, id(), null);
            assertThat(next.json("conversationId").asLong()).as(from).isEqualTo(conversation);
            assertThat(next.json("created").asBoolean()).isFalse();
        }
        var lid = inbound(account, "987654321012345@lid", id(), null);
        assertThat(lid.json("conversationId").asLong()).isNotEqualTo(conversation);
        assertThat(lid.json("canonicalKey").asString()).startsWith("id:");
        assertThat(inbound(account, "987654321012345@lid", id(), null).json("conversationId").asLong())
                .isEqualTo(lid.json("conversationId").asLong());

        var page = api.get("/api/conversations", account.apiKey());
        assertThat(page.json("total").asLong()).isEqualTo(2);
        List<String> names = new ArrayList<>();
        page.json("items").forEach(item -> names.add(item.path("displayName").asString()));
        assertThat(names).containsExactlyInAnyOrder("050-234-5678", "Unknown");
        assertThat(names).noneMatch(name -> name.contains("@"));
        var messages = api.get("/api/conversations/" + conversation + "/messages?limit=2", account.apiKey());
        assertThat(messages.json("total").asLong()).isEqualTo(4);
        assertThat(messages.json("items").size()).isEqualTo(2);
        assertThat(messages.json("items").get(0).path("direction").asString()).isEqualTo("in");
    }

    @Test
    void aKnownPhoneLinksToItsContactAndAnEarlierPhoneConversationIsAdopted() {
        TestAccount account = newAccount("Conversations FR", "FR");
        long before = inbound(account, "33612345678@s.whatsapp.net", id(), "Mimi").json("conversationId").asLong();
        assertThat(displayNames(account)).containsExactly("Mimi");

        long contact = api.post("/api/contacts", account.apiKey(), Map.of("firstName", "Marie", "lastName", "Curie",
                "phones", List.of(Map.of("value", "06 12 34 56 78")))).json("id").asLong();
        var linked = inbound(account, "+33 6 12 34 56 78", id(), null);
        assertThat(linked.json("conversationId").asLong()).isEqualTo(before);
        assertThat(linked.json("canonicalKey").asString()).isEqualTo("contact:" + account.id() + ":" + contact);
        assertThat(displayNames(account)).containsExactly("Marie Curie");

        var other = inbound(account, "0699887766", id(), null);
        assertThat(other.json("created").asBoolean()).isTrue();
        assertThat(displayNames(account)).contains("06 99 88 77 66");
    }

    @Test
    void aRepeatedExternalIdIsStoredOnce() {
        TestAccount account = newAccount("Conversations dedupe", "FR");
        String externalId = id();
        var first = inbound(account, "+33611111111", externalId, null);
        var again = inbound(account, "+33611111111", externalId, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json("conversationId").asLong()).isEqualTo(first.json("conversationId").asLong());
        assertThat(again.json("duplicate").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE external_id = ?").param(externalId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void concurrentFirstMessagesFromOnePersonCreateOneConversation() throws Exception {
        TestAccount account = newAccount("Conversations race", "FR");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String from = i % 2 == 0 ? "33622222222@s.whatsapp.net" : "06 22 22 22 22";
                calls.add(() -> inbound(account, from, id(), null).body());
            }
            List<Long> ids = new ArrayList<>();
            for (Future<JsonNode> result : pool.invokeAll(calls)) {
                ids.add(result.get().path("conversationId").asLong());
            }
            assertThat(ids).containsOnly(ids.getFirst());
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM conversations WHERE account_id = ?::uuid").param(account.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE account_id = ?::uuid").param(account.id())
                .query(Long.class).single()).isEqualTo(8);
    }

    @Test
    void badInboundMessagesAreRejectedWithTheirFieldsAndWriteNothing() {
        TestAccount account = newAccount("Conversations invalid", "FR");
        var missing = api.post("/api/conversations/inbound", account.apiKey(), Map.of("channel", "whatsapp"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).contains("application/problem+json");
        assertThat(missing.json("errors").toString()).contains("from", "externalId", "sentAt", "body");

        var notAPeer = inbound(account, "not a number", id(), null);
        assertThat(notAPeer.status()).isEqualTo(400);
        assertThat(notAPeer.json("errors").get(0).path("field").asString()).isEqualTo("from");
        assertThat(jdbc.sql("SELECT count(*) FROM conversations WHERE account_id = ?::uuid").param(account.id())
                .query(Long.class).single()).isZero();
        assertThat(api.get("/api/conversations/999999999/messages", account.apiKey()).status()).isEqualTo(404);
    }

    @Test
    void aLidAndThePhoneJidOfOnePersonEndInOneConversationAndALinkByHandFollows() {
        TestAccount account = newAccount("Conversations LID", "FR");
        String lid = "82399031480511@lid";
        Map<String, Object> body = new HashMap<>(Map.of("channel", "whatsapp", "from", lid, "body", "hi",
                "externalId", id(), "sentAt", "2026-11-01T10:00:00Z"));
        long lidConversation = api.post("/api/conversations/inbound", account.apiKey(), body).json("conversationId")
                .asLong();
        long phoneConversation = inbound(account, "33699887766@s.whatsapp.net", id(), null).json("conversationId")
                .asLong();
        assertThat(displayNames(account)).containsExactlyInAnyOrder("Unknown", "06 99 88 77 66");

        body.put("externalId", id());
        body.put("fromPhone", "33699887766@s.whatsapp.net");
        var linked = api.post("/api/conversations/inbound", account.apiKey(), body);
        assertThat(linked.status()).as(linked.raw()).isEqualTo(200);
        assertThat(linked.json("conversationId").asLong()).isEqualTo(phoneConversation);
        assertThat(inbound(account, lid, id(), null).json("conversationId").asLong()).isEqualTo(phoneConversation);
        assertThat(api.get("/api/conversations/" + phoneConversation + "/messages", account.apiKey()).json("total")
                .asLong()).isEqualTo(4);
        assertThat(api.get("/api/conversations?status=open", account.apiKey()).json("total").asLong()).isEqualTo(1);
        assertThat(displayNames(account)).containsExactlyInAnyOrder("06 99 88 77 66", "Unknown")
                .noneMatch(name -> name.contains("@lid"));

        long contact = api.post("/api/contacts", account.apiKey(), Map.of("firstName", "Pierre")).json("id").asLong();
        var byHand = api.post("/api/conversations/" + phoneConversation + "/link", account.apiKey(),
                Map.of("contactId", contact));
        assertThat(byHand.status()).as(byHand.raw()).isEqualTo(200);
        assertThat(byHand.json("canonicalKey").asString()).isEqualTo("contact:" + account.id() + ":" + contact);
        assertThat(inbound(account, lid, id(), null).json("conversationId").asLong()).isEqualTo(phoneConversation);
        var open = api.get("/api/conversations?status=open", account.apiKey());
        assertThat(open.json("total").asLong()).isEqualTo(1);
        assertThat(open.json("items").get(0).path("displayName").asString()).isEqualTo("Pierre");
        assertThat(lidConversation).isNotEqualTo(phoneConversation);

        body.put("fromPhone", "not a phone");
        var bad = api.post("/api/conversations/inbound", account.apiKey(), body);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json("errors").get(0).path("field").asString()).isEqualTo("fromPhone");
        assertThat(api.post("/api/conversations/" + phoneConversation + "/link", account.apiKey(), Map.of())
                .status()).isEqualTo(400);
        assertThat(api.post("/api/conversations/" + phoneConversation + "/link", account.apiKey(),
                Map.of("contactId", 999999999)).status()).isEqualTo(404);
    }

    private List<String> displayNames(TestAccount account) {
        List<String> names = new ArrayList<>();
        api.get("/api/conversations", account.apiKey()).json("items")
                .forEach(item -> names.add(item.path("displayName").asString()));
        return names;
    }
}
