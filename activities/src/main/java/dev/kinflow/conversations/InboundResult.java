package dev.kinflow.conversations;

/**
 * Where an inbound message went.
 *
 * @param conversationId the conversation holding the message
 * @param canonicalKey   that conversation's key
 * @param created        whether this call created the conversation
 * @param duplicate      whether a message with the same external id was already stored (nothing was written)
 */
public record InboundResult(long conversationId, String canonicalKey, boolean created, boolean duplicate) {
}
