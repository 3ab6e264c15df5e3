package dev.kinflow.conversations;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.PageResponse;
import dev.kinflow.contacts.ContactDataRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Conversations of the caller's account: inbound messages, the conversation list and each one's messages. */
@RestController
@RequestMapping("/api/conversations")
public class ConversationController {

    private final ConversationRepository conversations;
    private final ContactDataRepository contacts;

    public ConversationController(ConversationRepository conversations, ContactDataRepository contacts) {
        this.conversations = conversations;
        this.contacts = contacts;
    }

    @PostMapping("/inbound")
    public InboundResult inbound(@AuthenticationPrincipal Account account, @Valid @RequestBody InboundRequest request) {
        PeerIdentity from = PeerIdentity.resolve(request.from(), account.defaultRegion()).orElseThrow(() ->
                ApiException.badRequest("from", "must be a phone number, a WhatsApp JID or a WhatsApp LID"));
        String fromPhone = null;
        if (request.fromPhone() != null && !request.fromPhone().isBlank()) {
            fromPhone = PeerIdentity.resolve(request.fromPhone(), account.defaultRegion())
                    .filter(PeerIdentity::isPhone).map(PeerIdentity::e164)
                    .orElseThrow(() -> ApiException.badRequest("fromPhone", "must be a phone number or a phone JID"));
        }
        InboundResult result = conversations.recordInbound(account.id(), new InboundMessage(request.channel(), from,
                fromPhone, request.body(), request.externalId().trim(), request.sentAt(),
                blankToNull(request.pushName())));
        return result;
    }

    @GetMapping
    public PageResponse<ConversationSummary> list(@AuthenticationPrincipal Account account,
                                                  @RequestParam(required = false)
                                                  @Pattern(regexp = "open|closed") String status,
                                                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit,
                                                  @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return new PageResponse<>(conversations.list(account.id(), account.defaultRegion(), status, limit, offset),
                conversations.count(account.id(), status), limit, offset);
    }

    @GetMapping("/{id}/messages")
    public PageResponse<MessageView> messages(@AuthenticationPrincipal Account account, @PathVariable long id,
                                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                              @RequestParam(defaultValue = "0") @Min(0) int offset) {
        if (!conversations.exists(account.id(), id)) {
            throw ApiException.notFound("Conversation");
        }
        return new PageResponse<>(conversations.messages(account.id(), id, limit, offset),
                conversations.countMessages(account.id(), id), limit, offset);
    }

    /** Body of a link: the contact the conversation's person is. */
    public record LinkRequest(@NotNull Long contactId) {
    }

    /**
     * Links the conversation to a contact: it takes the contact's canonical key or is merged into the contact's open
     * conversation, and later messages from its peer go there too.
     */
    @PostMapping("/{id}/link")
    public LinkResult link(@AuthenticationPrincipal Account account,
                           @PathVariable long id, @Valid @RequestBody LinkRequest request) {
        if (!conversations.exists(account.id(), id)) {
            throw ApiException.notFound("Conversation");
        }
        if (!contacts.exists(account.id(), request.contactId())) {
            throw ApiException.notFound("Contact");
        }
        return conversations.link(account.id(), id, request.contactId())
                .orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
