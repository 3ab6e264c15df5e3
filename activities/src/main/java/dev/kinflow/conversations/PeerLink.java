package dev.kinflow.conversations;

/**
 * What is known about a messaging peer identifier beyond itself: its phone number (E.164; WhatsApp gives the phone JID
 * of a LID sender) and/or the contact it was linked to by hand (already followed to a merge survivor).
 */
public record PeerLink(String phone, Long contactId) {
}
