package dev.kinflow.outreach;

import java.time.Instant;

/** A send-queue entry handed to a device. */
public record QueuedMessage(long id, String toHandle, String body, Instant createdAt) {
}
