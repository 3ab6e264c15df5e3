package dev.kinflow.conversations;

import java.time.Instant;

/**
 * An inbound message to record; {@code from} is already resolved to a {@link PeerIdentity}. {@code fromPhone}: the
 * sender's phone number in E.164 when the channel gives it beside an opaque {@code from} (WhatsApp's
 * {@code senderPn} for a LID sender), else null.
 */
public record InboundMessage(String channel, PeerIdentity from, String fromPhone, String body, String externalId,
                             Instant sentAt, String pushName) {
}
