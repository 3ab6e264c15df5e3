package dev.kinflow.conversations;

import java.time.Instant;

/** One conversation as listed: {@code displayName} is never a raw channel identifier. */
public record ConversationSummary(long id, String channel, String canonicalKey, Long contactId, String displayName,
                                  String status, Instant lastMessageAt, long messageCount) {
}
