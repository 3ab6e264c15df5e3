package dev.kinflow.conversations;

import dev.kinflow.common.PhoneNumbers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    public ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an inbound message; a message whose external id is already stored is not stored again. */
    @Transactional
    public InboundResult recordInbound(UUID accountId, InboundMessage message) {
        Optional<InboundResult> known = findByExternalId(accountId, message.externalId());
        if (known.isPresent()) {
            return known.get();
        }
        Long contactId = message.from().isPhone() ? contactOwningPhone(accountId, message.from().e164()) : null;
        String key = message.from().key(accountId, contactId);
        String unlinkedKey = message.from().unlinkedKey(accountId);
        lockKeys(key, unlinkedKey);

        boolean created = false;
        Long conversationId = openConversation(accountId, key);
        if (conversationId == null && !key.equals(unlinkedKey)) {
            conversationId = adoptUnlinked(accountId, unlinkedKey, key, contactId);
        }
        if (conversationId == null) {
            conversationId = jdbc.sql("""
                            INSERT INTO conversations (account_id, contact_id, channel, handle, canonical_key, push_name)
                            VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(accountId, contactId, message.channel(), message.from().handle(), key, message.pushName())
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
        return new InboundResult(conversationId, key, created, false);
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

    /** A conversation started before the peer's phone belonged to a contact is linked to that contact and re-keyed. */
    private Long adoptUnlinked(UUID accountId, String unlinkedKey, String key, long contactId) {
        Long id = openConversation(accountId, unlinkedKey);
        if (id != null) {
            jdbc.sql("UPDATE conversations SET contact_id = ?, canonical_key = ?, updated_at = now() WHERE id = ?")
                    .params(contactId, key, id)
                    .update();
        }
        return id;
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
        if (pushName != null && !pushName.isBlank()) {
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
