package dev.kinflow.conversations;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Body of {@code POST /api/conversations/inbound}. {@code fromPhone}: the sender's phone (a phone JID such as
 * {@code 33612345678@s.whatsapp.net}, or a number) when {@code from} is a WhatsApp LID — WhatsApp gives it as
 * {@code senderPn}/{@code participantPn}; the LID is then remembered as that phone.
 */
public record InboundRequest(
        @NotBlank @Size(max = 32) @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must be a lower-case channel name")
        String channel,
        @NotBlank @Size(max = 128) String from,
        @NotNull @Size(max = 65536) String body,
        @NotBlank @Size(max = 256) String externalId,
        @NotNull Instant sentAt,
        @Size(max = 200) String pushName,
        @Size(max = 128) String fromPhone) {
}
