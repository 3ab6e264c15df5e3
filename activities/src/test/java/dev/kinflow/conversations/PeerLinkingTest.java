package dev.kinflow.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One conversation per person across a WhatsApp LID, its phone JID and a contact; every write called twice. */
class PeerLinkingTest {

    static JdbcClient jdbc;
    static PeerLinkRepository links;
    static ConversationRepository conversations;

    static final String LID = "82399031480511@lid";
    static final String PHONE = "+33612345678";

    UUID account;
    int sent;

    @BeforeAll
    static void database() {
        jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
        links = new PeerLinkRepository(jdbc);
        conversations = new ConversationRepository(jdbc, links);
    }

    @BeforeEach
    void account() {
        account = Jdbc.newAccount(jdbc, "Links", "FR");
    }

    private InboundResult inbound(String from, String fromPhone, String externalId) {
        PeerIdentity peer = PeerIdentity.resolve(from, "FR").orElseThrow();
        return conversations.recordInbound(account, new InboundMessage("whatsapp", peer, fromPhone, "hi " + externalId,
                externalId, Instant.parse("2026-11-01T10:00:00Z").plusSeconds(++sent), null));
    }

    private List<String> conversationsOfAccount() {
        return jdbc.sql("""
                        SELECT id || ' ' || status || ' ' || coalesce(canonical_key, '-') || ' '
                               || coalesce(merged_into, 0) || ' '
                               || (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)
                        FROM conversations c WHERE account_id = ? ORDER BY id""")
                .param(account).query(String.class).list();
    }

    @Test
    void aLidSeenWithItsPhoneJoinsThePhonesConversationWithItsEarlierMessages() {
        long lidConversation = inbound(LID, null, "m1").conversationId();
        inbound(LID, null, "m2");
        long phoneConversation = inbound("33612345678@s.whatsapp.net", null, "m3").conversationId();
        assertThat(phoneConversation).isNotEqualTo(lidConversation);

        InboundResult linked = inbound(LID, PHONE, "m4");
        InboundResult again = inbound(LID, PHONE, "m4");
        InboundResult later = inbound(LID, null, "m5");

        String phoneKey = ConversationKeys.forPhone(account, PHONE);
        assertThat(linked.conversationId()).isEqualTo(phoneConversation);
        assertThat(linked.canonicalKey()).isEqualTo(phoneKey);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.conversationId()).isEqualTo(phoneConversation);
        assertThat(later.conversationId()).isEqualTo(phoneConversation);
        assertThat(conversationsOfAccount()).containsExactly(
                lidConversation + " closed " + ConversationKeys.forOpaqueId(account, LID) + " " + phoneConversation
                        + " 0",
                phoneConversation + " open " + phoneKey + " 0 5");
        assertThat(links.find(account, LID)).contains(new PeerLink(PHONE, null));
        assertThat(links.rememberPhone(account, LID, PHONE)).as("same link again").isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM conversation_peer_links WHERE account_id = ?").param(account)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aLidConversationAloneIsReKeyedToThePhoneOrItsContact() {
        long contact = jdbc.sql("INSERT INTO contacts (account_id, first_name) VALUES (?, 'Marie') RETURNING id")
                .param(account).query(Long.class).single();
        jdbc.sql("INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value) "
                + "VALUES (?, ?, 'phone', ?, '06 12 34 56 78')").params(account, contact, PHONE).update();
        long lidConversation = inbound(LID, null, "m1").conversationId();

        InboundResult linked = inbound(LID, PHONE, "m2");

        assertThat(linked.conversationId()).isEqualTo(lidConversation);
        assertThat(linked.canonicalKey()).isEqualTo(ConversationKeys.forContact(account, contact));
        assertThat(jdbc.sql("SELECT handle || ' ' || contact_id FROM conversations WHERE id = ?")
                .param(lidConversation).query(String.class).single()).isEqualTo(PHONE + " " + contact);
        assertThat(conversations.list(account, "FR", null, 10, 0)).singleElement()
                .satisfies(c -> assertThat(c.displayName()).isEqualTo("Marie"));
    }

    @Test
    void linkingByHandMergesIntoTheContactsConversationAndRoutesLaterMessages() {
        long contact = jdbc.sql("INSERT INTO contacts (account_id, first_name) VALUES (?, 'Ada') RETURNING id")
                .param(account).query(Long.class).single();
        long lidConversation = inbound(LID, null, "m1").conversationId();
        assertThat(conversations.list(account, "FR", null, 10, 0)).singleElement()
                .satisfies(c -> assertThat(c.displayName()).isEqualTo("Unknown"));

        LinkResult first = conversations.link(account, lidConversation, contact).orElseThrow();
        LinkResult second = conversations.link(account, lidConversation, contact).orElseThrow();

        String contactKey = ConversationKeys.forContact(account, contact);
        assertThat(first).isEqualTo(new LinkResult(lidConversation, contactKey, contact, false));
        assertThat(second).isEqualTo(first);
        assertThat(inbound(LID, null, "m2").conversationId()).isEqualTo(lidConversation);
        assertThat(conversations.list(account, "FR", null, 10, 0)).singleElement()
                .satisfies(c -> assertThat(c.displayName()).isEqualTo("Ada"));

        long otherLid = inbound("99999999999@lid", null, "m3").conversationId();
        LinkResult merged = conversations.link(account, otherLid, contact).orElseThrow();
        assertThat(merged).isEqualTo(new LinkResult(lidConversation, contactKey, contact, true));
        assertThat(conversations.link(account, otherLid, contact)).contains(merged);
        assertThat(conversationsOfAccount()).containsExactly(
                lidConversation + " open " + contactKey + " 0 3",
                otherLid + " closed " + contactKey + " " + lidConversation + " 0");
        assertThat(conversations.link(Jdbc.newAccount(jdbc, "Other", "FR"), lidConversation, contact)).isEmpty();
    }
}
