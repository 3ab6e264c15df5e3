package dev.kinflow.conversations;

import java.time.Instant;

/** One message of a conversation. */
public record MessageView(long id, String direction, String body, String externalId, Instant sentAt) {
}
