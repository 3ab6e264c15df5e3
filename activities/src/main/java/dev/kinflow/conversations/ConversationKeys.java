package dev.kinflow.conversations;

import java.util.UUID;

/**
 * Canonical conversation keys: one conversation per person per account, whatever identifier a message came from.
 * A conversation linked to a contact is keyed by the contact; otherwise by the peer's E.164 phone number.
 */
public final class ConversationKeys {

    private ConversationKeys() {
    }

    public static String forContact(UUID accountId, long contactId) {
        return "contact:" + accountId + ":" + contactId;
    }

    public static String forPhone(UUID accountId, String e164) {
        return "phone:" + accountId + ":" + e164;
    }

    /** A peer known only by an opaque identifier (e.g. a WhatsApp LID), never treated as a phone number. */
    public static String forOpaqueId(UUID accountId, String opaqueId) {
        return "id:" + accountId + ":" + opaqueId;
    }
}
