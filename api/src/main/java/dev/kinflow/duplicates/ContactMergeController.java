package dev.kinflow.duplicates;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Merging any two contacts of the caller's account, detected as duplicates or not: a preview that writes nothing,
 * and the merge itself (the same merge, snapshot and undo as for duplicate candidates).
 */
@RestController
@RequestMapping("/api/contacts/{survivorId}")
public class ContactMergeController {

    private final MergeService merges;

    public ContactMergeController(MergeService merges) {
        this.merges = merges;
    }

    /** Body of a merge or its preview: the contact merged into the survivor (path). */
    public record MergeContactsRequest(@NotNull Long otherId) {
    }

    /** The merge done; undo with {@code POST /api/merges/{mergeId}/undo}. */
    public record ContactMergeView(long mergeId, long survivorId, long mergedId, boolean applied) {
    }

    @PostMapping("/merge-preview")
    public MergePreview preview(@AuthenticationPrincipal Account account, @PathVariable long survivorId,
                                @Valid @RequestBody MergeContactsRequest request) {
        return merges.preview(account.id(), survivorId, other(survivorId, request));
    }

    @PostMapping("/merge")
    public ContactMergeView merge(@AuthenticationPrincipal Account account, @PathVariable long survivorId,
                                  @Valid @RequestBody MergeContactsRequest request) {
        MergeOutcome outcome = merges.mergeContacts(account.id(), survivorId, other(survivorId, request));
        return new ContactMergeView(outcome.mergeId(), outcome.survivorId(), outcome.mergedId(), outcome.applied());
    }

    private static long other(long survivorId, MergeContactsRequest request) {
        if (request.otherId() == survivorId) {
            throw ApiException.badRequest("otherId", "must be another contact than the survivor");
        }
        return request.otherId();
    }
}
