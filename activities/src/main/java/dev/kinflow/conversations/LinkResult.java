package dev.kinflow.conversations;

/**
 * A conversation linked to a contact by hand.
 *
 * @param conversationId the contact's canonical conversation (the linked one, or the open one it was merged into)
 * @param canonicalKey   its key ({@code contact:…})
 * @param contactId      the contact
 * @param merged         whether the linked conversation was merged into the contact's existing open conversation
 */
public record LinkResult(long conversationId, String canonicalKey, long contactId, boolean merged) {
}
