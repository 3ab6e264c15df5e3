package dev.kinflow.conversations;

import dev.kinflow.common.PhoneNumbers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations and their messages. One open conversation per canonical key: get-or-create runs under transaction
 * advisory locks on the keys involved, so concurrent messages from one person never create two conversations (the
 * unique index on open keys may not exist yet — the conversation-keys backfill creates it).
 */
@Repository
public class ConversationRepository {

    private final JdbcClient jdbc;
    private final PeerLinkRepository links;
    private final ConversationMerger merger;

    public ConversationRepository(JdbcClient jdbc, PeerLinkRepository links) {
        this.jdbc = jdbc;
        this.links = links;
        this.merger = new ConversationMerger(jdbc);
    }

    /**
     * Records an inbound message; a message whose external id is already stored is not stored again. A LID sender
     * given with its phone ({@code fromPhone}) is remembered as that phone; a peer with a remembered link is routed to
     * the phone's (or the linked contact's) canonical conversation, and an open conversation still keyed by the
     * peer's own identifier is adopted (when the canonical one does not exist yet) or merged into it.
     */
    @Transactional
    public InboundResult recordInbound(UUID accountId, InboundMessage message) {
        Optional<InboundResult> known = findByExternalId(accountId, message.externalId());
        if (known.isPresent()) {
            return known.get();
        }
        PeerIdentity peer = message.from();
        if (!peer.isPhone() && message.fromPhone() != null) {
            links.rememberPhone(accountId, peer.handle(), message.fromPhone());
        }
        Route route = route(accountId, peer);
        lockKeys(route.keys());

        boolean created = false;
        Long conversationId = gather(accountId, route);
        if (conversationId == null) {
            conversationId = jdbc.sql("""
                            INSERT INTO conversations (account_id, contact_id, channel, handle, canonical_key, push_name)
                            VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(accountId, route.contactId(), message.channel(), route.identity().handle(), route.key(),
                            message.pushName())
                    .query(Long.class).single();
            created = true;
        }
        int stored = jdbc.sql("""
                        INSERT INTO messages (account_id, conversation_id, direction, body, external_id, sent_at)
                        VALUES (?, ?, 'in', ?, ?, ?)
                        ON CONFLICT (account_id, external_id) WHERE external_id IS NOT NULL DO NOTHING""")
                .params(accountId, conversationId, message.body(), message.externalId(), utc(message.sentAt()))
                .update();
        if (stored == 0) {
            return findByExternalId(accountId, message.externalId()).orElseThrow();
        }
        jdbc.sql("""
                        UPDATE conversations
                        SET last_message_at = GREATEST(last_message_at, ?), push_name = COALESCE(?, push_name),
                            updated_at = now()
                        WHERE id = ?""")
                .params(utc(message.sentAt()), message.pushName(), conversationId)
                .update();
        return new InboundResult(conversationId, route.key(), created, false);
    }

    /**
     * Where a peer's messages go: {@code identity} is the peer, or the phone its link names; {@code key} the canonical
     * key (the contact's when the phone belongs to a contact, or the phone or the peer was linked to one by hand); {@code aliases} the other
     * keys the same person's open conversations may still have (the phone's own key, the peer's own key).
     */
    private record Route(PeerIdentity identity, Long contactId, String key, List<String> aliases) {

        String[] keys() {
            List<String> keys = new ArrayList<>(aliases);
            keys.add(key);
            return keys.toArray(String[]::new);
        }
    }

    private Route route(UUID accountId, PeerIdentity peer) {
        Optional<PeerLink> link = links.find(accountId, peer.handle());
        PeerIdentity identity = !peer.isPhone() && link.map(PeerLink::phone).isPresent()
                ? PeerIdentity.phone(link.get().phone()) : peer;
        Long contactId = identity.isPhone() ? contactOwningPhone(accountId, identity.e164()) : null;
        if (contactId == null && identity != peer) {
            contactId = links.find(accountId, identity.handle()).map(PeerLink::contactId).orElse(null);
        }
        if (contactId == null) {
            contactId = link.map(PeerLink::contactId).orElse(null);
        }
        String key = identity.key(accountId, contactId);
        List<String> aliases = new ArrayList<>();
        for (String alias : List.of(identity.unlinkedKey(accountId), peer.unlinkedKey(accountId))) {
            if (!alias.equals(key) && !aliases.contains(alias)) {
                aliases.add(alias);
            }
        }
        return new Route(identity, contactId, key, aliases);
    }

    /**
     * The open conversation under the route's key, after folding the person's other open conversations into it: when
     * there is none, the first alias conversation is re-keyed to become it; every other alias conversation is merged
     * into it (messages moved, closed). Null when the person has no open conversation at all.
     */
    private Long gather(UUID accountId, Route route) {
        Long conversationId = openConversation(accountId, route.key());
        List<Long> others = new ArrayList<>();
        for (String alias : route.aliases()) {
            Long id = openConversation(accountId, alias);
            if (id != null && !id.equals(conversationId)) {
                others.add(id);
            }
        }
        if (conversationId == null && !others.isEmpty()) {
            conversationId = others.removeFirst();
            jdbc.sql("""
                            UPDATE conversations SET contact_id = COALESCE(?, contact_id), canonical_key = ?,
                                handle = ?, updated_at = now()
                            WHERE id = ?""")
                    .params(route.contactId(), route.key(), route.identity().handle(), conversationId)
                    .update();
        }
        if (!others.isEmpty()) {
            merger.merge(others, Collections.nCopies(others.size(), conversationId));
        }
        return conversationId;
    }

    /**
     * Links a conversation to a contact by hand: the conversation takes the contact's canonical key (or, when the
     * contact already has an open conversation, is merged into it), and its peer is remembered as the contact, so the
     * peer's later messages go there too. Empty when the conversation is not the account's; linking twice changes
     * nothing the second time.
     */
    @Transactional
    public Optional<LinkResult> link(UUID accountId, long conversationId, long contactId) {
        Optional<String[]> row = jdbc.sql("""
                        SELECT handle, canonical_key FROM conversations WHERE account_id = ? AND id = ? FOR UPDATE""")
                .params(accountId, conversationId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String handle = row.get()[0];
        String key = ConversationKeys.forContact(accountId, contactId);
        lockKeys(key, row.get()[1] == null ? key : row.get()[1]);
        if (handle != null) {
            links.rememberContact(accountId, handle, contactId);
        }
        Long open = openConversation(accountId, key);
        jdbc.sql("UPDATE conversations SET contact_id = ?, canonical_key = ?, updated_at = now() WHERE id = ? "
                        + "AND (contact_id IS DISTINCT FROM ? OR canonical_key IS DISTINCT FROM ?)")
                .params(contactId, key, conversationId, contactId, key).update();
        if (open != null && open != conversationId) {
            merger.merge(List.of(conversationId), List.of(open));
            return Optional.of(new LinkResult(open, key, contactId, true));
        }
        return Optional.of(new LinkResult(conversationId, key, contactId, false));
    }

    private Optional<InboundResult> findByExternalId(UUID accountId, String externalId) {
        if (externalId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT c.id, c.canonical_key FROM messages m JOIN conversations c ON c.id = m.conversation_id
                        WHERE m.account_id = ? AND m.external_id = ?""")
                .params(accountId, externalId)
                .query((rs, row) -> new InboundResult(rs.getLong(1), rs.getString(2), false, true))
                .optional();
    }

    private Long contactOwningPhone(UUID accountId, String e164) {
        return jdbc.sql("""
                        SELECT f.contact_id FROM contact_fields f JOIN contacts c ON c.id = f.contact_id
                        WHERE f.account_id = ? AND f.kind = 'phone' AND f.value = ? AND c.merged_into IS NULL
                        ORDER BY c.is_partial, f.contact_id LIMIT 1""")
                .params(accountId, e164)
                .query(Long.class).optional().orElse(null);
    }

    /** Transaction-scoped advisory locks on the keys, taken in a fixed order so two writers never deadlock. */
    private void lockKeys(String... keys) {
        for (String key : new TreeSet<>(List.of(keys))) {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param(key).query((rs, row) -> 1).list();
        }
    }

    private Long openConversation(UUID accountId, String key) {
        return jdbc.sql("""
                        SELECT id FROM conversations WHERE account_id = ? AND canonical_key = ? AND status = 'open'
                        ORDER BY last_message_at DESC NULLS LAST, id DESC LIMIT 1""")
                .params(accountId, key)
                .query(Long.class).optional().orElse(null);
    }

    public List<ConversationSummary> list(UUID accountId, String region, String status, int limit, int offset) {
        return jdbc.sql("""
                        SELECT c.id, c.channel, c.canonical_key, c.contact_id, c.handle, c.push_name, c.status,
                               c.last_message_at,
                               NULLIF(trim(concat_ws(' ', p.first_name, p.last_name)), '') AS contact_name,
                               (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count
                        FROM conversations c LEFT JOIN contacts p ON p.id = c.contact_id
                        WHERE c.account_id = ? AND (CAST(? AS text) IS NULL OR c.status = ?)
                        ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC LIMIT ? OFFSET ?""")
                .params(accountId, status, status, limit, offset)
                .query((rs, row) -> summary(rs, region))
                .list();
    }

    public long count(UUID accountId, String status) {
        return jdbc.sql("""
                        SELECT count(*) FROM conversations
                        WHERE account_id = ? AND (CAST(? AS text) IS NULL OR status = ?)""")
                .params(accountId, status, status)
                .query(Long.class).single();
    }

    public boolean exists(UUID accountId, long conversationId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM conversations WHERE account_id = ? AND id = ?)")
                .params(accountId, conversationId).query(Boolean.class).single();
    }

    public List<MessageView> messages(UUID accountId, long conversationId, int limit, int offset) {
        return jdbc.sql("""
                        SELECT id, direction, body, external_id, sent_at FROM messages
                        WHERE account_id = ? AND conversation_id = ? ORDER BY sent_at, id LIMIT ? OFFSET ?""")
                .params(accountId, conversationId, limit, offset)
                .query((rs, row) -> new MessageView(rs.getLong("id"), rs.getString("direction"), rs.getString("body"),
                        rs.getString("external_id"), instant(rs.getTimestamp("sent_at"))))
                .list();
    }

    public long countMessages(UUID accountId, long conversationId) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE account_id = ? AND conversation_id = ?")
                .params(accountId, conversationId).query(Long.class).single();
    }

    /** Contact name, else the sender's push name, else the formatted phone number, else "Unknown". */
    static String displayName(String contactName, String pushName, String handle, String region) {
        if (contactName != null && !contactName.isBlank()) {
            return contactName;
        }
        if (pushName != null && !pushName.isBlank() && !pushName.contains("@lid")) {
            return pushName.trim();
        }
        return PeerIdentity.resolve(handle, region).filter(PeerIdentity::isPhone)
                .map(peer -> PhoneNumbers.display(peer.e164(), region))
                .orElse("Unknown");
    }

    private static ConversationSummary summary(ResultSet rs, String region) throws SQLException {
        return new ConversationSummary(rs.getLong("id"), rs.getString("channel"), rs.getString("canonical_key"),
                rs.getObject("contact_id", Long.class),
                displayName(rs.getString("contact_name"), rs.getString("push_name"), rs.getString("handle"), region),
                rs.getString("status"), instant(rs.getTimestamp("last_message_at")), rs.getLong("message_count"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
