package dev.kinflow.conversations;

import java.time.Instant;

/** An inbound message to record; {@code from} is already resolved to a {@link PeerIdentity}. */
public record InboundMessage(String channel, PeerIdentity from, String body, String externalId, Instant sentAt,
                             String pushName) {
}
