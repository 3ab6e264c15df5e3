package dev.kinflow.conversations;

import dev.kinflow.common.PhoneNumbers;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who a message came from, resolved from what a channel gives: a WhatsApp JID ({@code 972501234567@s.whatsapp.net},
 * possibly with a device suffix {@code :12}), a WhatsApp LID ({@code 123456789@lid}, an opaque id that is never a
 * phone number), or a phone number in any format (parsed with the account's default region).
 *
 * @param e164     the peer's phone number in E.164, or null when the peer is known only by an opaque id
 * @param opaqueId the opaque identifier (e.g. {@code 123456789@lid}) when there is no phone number
 */
public record PeerIdentity(String e164, String opaqueId) {

    private static final Pattern DEVICE_SUFFIX = Pattern.compile(":\\d+$");
    private static final Pattern DIGITS = Pattern.compile("\\d{5,20}");

    /** The identity of {@code from}, or empty when it is neither a JID, a LID nor a parseable phone number. */
    public static Optional<PeerIdentity> resolve(String from, String defaultRegion) {
        if (from == null || from.isBlank()) {
            return Optional.empty();
        }
        String value = from.trim();
        int at = value.indexOf('@');
        if (at < 0) {
            return PhoneNumbers.toE164(value, defaultRegion).map(PeerIdentity::phone);
        }
        String user = DEVICE_SUFFIX.matcher(value.substring(0, at)).replaceFirst("");
        String server = value.substring(at + 1).toLowerCase(Locale.ROOT);
        if (server.equals("lid")) {
            return DIGITS.matcher(user).matches() ? Optional.of(new PeerIdentity(null, user + "@lid")) : Optional.empty();
        }
        if ((server.equals("s.whatsapp.net") || server.equals("c.us")) && DIGITS.matcher(user).matches()) {
            return PhoneNumbers.toE164("+" + user, null).map(PeerIdentity::phone);
        }
        return Optional.empty();
    }

    static PeerIdentity phone(String e164) {
        return new PeerIdentity(e164, null);
    }

    public boolean isPhone() {
        return e164 != null;
    }

    /** What a conversation stores as its handle: the E.164 number, else the opaque id. */
    public String handle() {
        return isPhone() ? e164 : opaqueId;
    }

    /** The key of a conversation with this peer when it is not linked to a contact. */
    public String unlinkedKey(UUID accountId) {
        return isPhone() ? ConversationKeys.forPhone(accountId, e164) : ConversationKeys.forOpaqueId(accountId, opaqueId);
    }

    /** The canonical key: the contact's when linked, else the peer's own. */
    public String key(UUID accountId, Long contactId) {
        return contactId != null ? ConversationKeys.forContact(accountId, contactId) : unlinkedKey(accountId);
    }
}
