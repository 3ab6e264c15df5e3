package dev.kinflow.conversations;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code conversation_peer_links}: per account, which phone number and/or contact a peer identifier (a WhatsApp LID,
 * or a phone handle linked by hand) belongs to. Upserts under the business key (account, peer): writing the same link
 * twice changes nothing.
 */
@Repository
public class PeerLinkRepository {

    private final JdbcClient jdbc;

    public PeerLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Remembers that {@code peer} is the phone {@code e164}; true when this call changed something. */
    public boolean rememberPhone(UUID account, String peer, String e164) {
        return jdbc.sql("""
                        INSERT INTO conversation_peer_links (account_id, peer, phone) VALUES (?, ?, ?)
                        ON CONFLICT (account_id, peer) DO UPDATE SET phone = EXCLUDED.phone, updated_at = now()
                        WHERE conversation_peer_links.phone IS DISTINCT FROM EXCLUDED.phone""")
                .params(account, peer, e164).update() == 1;
    }

    /** Remembers that {@code peer} is the contact; true when this call changed something. */
    public boolean rememberContact(UUID account, String peer, long contactId) {
        return jdbc.sql("""
                        INSERT INTO conversation_peer_links (account_id, peer, contact_id) VALUES (?, ?, ?)
                        ON CONFLICT (account_id, peer) DO UPDATE SET contact_id = EXCLUDED.contact_id,
                            updated_at = now()
                        WHERE conversation_peer_links.contact_id IS DISTINCT FROM EXCLUDED.contact_id""")
                .params(account, peer, contactId).update() == 1;
    }

    /** The link of {@code peer}; a linked contact that was merged is given as its survivor. */
    public Optional<PeerLink> find(UUID account, String peer) {
        return jdbc.sql("""
                        SELECT l.phone, coalesce(c.merged_into, c.id) AS contact_id
                        FROM conversation_peer_links l LEFT JOIN contacts c ON c.id = l.contact_id
                        WHERE l.account_id = ? AND l.peer = ?""")
                .params(account, peer)
                .query((rs, row) -> new PeerLink(rs.getString("phone"), rs.getObject("contact_id", Long.class)))
                .optional();
    }
}
