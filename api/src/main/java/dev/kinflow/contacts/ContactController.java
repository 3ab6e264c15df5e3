package dev.kinflow.contacts;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contacts of the caller's account. Writes through this API are marked {@code origin=user}. */
@RestController
@RequestMapping("/api/contacts")
public class ContactController {

    private static final String USER = "user";

    private final ContactRepository contacts;

    public ContactController(ContactRepository contacts) {
        this.contacts = contacts;
    }

    @PostMapping
    public ResponseEntity<Contact> create(@AuthenticationPrincipal Account account,
                                          @Valid @RequestBody ContactRequest request) {
        long id = contacts.insertAll(account.id(), account.defaultRegion(), List.of(request.toDraft()), USER).getFirst();
        return ResponseEntity.status(HttpStatus.CREATED).body(contacts.find(account.id(), id).orElseThrow());
    }

    /** Creates up to 1000 contacts in one database round trip; all or nothing. */
    /** The ids of the contacts a bulk request created, in request order. */
    public record BulkCreated(List<Long> ids) {
    }

    @PostMapping("/bulk")
    public ResponseEntity<BulkCreated> createBulk(
            @AuthenticationPrincipal Account account,
            @RequestBody @NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull ContactRequest> request) {
        List<Long> ids = contacts.insertAll(account.id(), account.defaultRegion(),
                request.stream().map(ContactRequest::toDraft).toList(), USER);
        return ResponseEntity.status(HttpStatus.CREATED).body(new BulkCreated(ids));
    }

    @GetMapping
    public PageResponse<Contact> list(@AuthenticationPrincipal Account account,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit,
                                      @RequestParam(defaultValue = "0") @Min(0) int offset,
                                      @RequestParam(required = false) @Size(max = 200) String q) {
        return new PageResponse<>(contacts.list(account.id(), q, limit, offset), contacts.count(account.id(), q),
                limit, offset);
    }

    @GetMapping("/{id}")
    public Contact get(@AuthenticationPrincipal Account account, @PathVariable long id) {
        return contacts.find(account.id(), id).orElseThrow(() -> ApiException.notFound("Contact"));
    }

    @PatchMapping("/{id}")
    public Contact update(@AuthenticationPrincipal Account account,
                          @PathVariable long id, @Valid @RequestBody ContactPatchRequest request) {
        if (!contacts.update(account.id(), account.defaultRegion(), id, request.toPatch())) {
            throw ApiException.notFound("Contact");
        }
        return contacts.find(account.id(), id).orElseThrow();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal Account account, @PathVariable long id) {
        if (!contacts.delete(account.id(), id)) {
            throw ApiException.notFound("Contact");
        }
        return ResponseEntity.noContent().build();
    }
}
