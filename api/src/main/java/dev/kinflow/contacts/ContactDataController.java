package dev.kinflow.contacts;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.PageResponse;
import dev.kinflow.contacts.ContactData.Activity;
import dev.kinflow.contacts.ContactData.Note;
import dev.kinflow.contacts.ContactData.Page;
import dev.kinflow.contacts.ContactData.Photo;
import dev.kinflow.contacts.ContactData.PhotoContent;
import dev.kinflow.contacts.ContactData.Relationship;
import dev.kinflow.contacts.ContactData.Reminder;
import dev.kinflow.contacts.ContactData.Task;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * What a contact of the caller's account holds besides its fields — notes, activities, reminders, tasks,
 * relationships and photos — as paginated lists, and each photo's bytes. A merged or another account's contact: 404.
 */
@RestController
@RequestMapping("/api/contacts/{id}")
public class ContactDataController {

    private final ContactDataRepository data;

    public ContactDataController(ContactDataRepository data) {
        this.data = data;
    }

    @GetMapping("/notes")
    public PageResponse<Note> notes(@AuthenticationPrincipal Account account, @PathVariable long id,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit,
                                    @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return page(account, id, limit, offset, () -> data.notes(account.id(), id, limit, offset));
    }

    @GetMapping("/activities")
    public PageResponse<Activity> activities(@AuthenticationPrincipal Account account, @PathVariable long id,
                                             @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit,
                                             @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return page(account, id, limit, offset, () -> data.activities(account.id(), id, limit, offset));
    }

    @GetMapping("/reminders")
    public PageResponse<Reminder> reminders(@AuthenticationPrincipal Account account, @PathVariable long id,
                                            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit,
                                            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return page(account, id, limit, offset, () -> data.reminders(account.id(), id, limit, offset));
    }

    @GetMapping("/tasks")
    public PageResponse<Task> tasks(@AuthenticationPrincipal Account account, @PathVariable long id,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit,
                                    @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return page(account, id, limit, offset, () -> data.tasks(account.id(), id, limit, offset));
    }

    @GetMapping("/relationships")
    public PageResponse<Relationship> relationships(@AuthenticationPrincipal Account account, @PathVariable long id,
                                                    @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit,
                                                    @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return page(account, id, limit, offset, () -> data.relationships(account.id(), id, limit, offset));
    }

    @GetMapping("/photos")
    public PageResponse<Photo> photos(@AuthenticationPrincipal Account account, @PathVariable long id,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit,
                                      @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return page(account, id, limit, offset, () -> data.photos(account.id(), id, limit, offset));
    }

    /** The photo's bytes; its ETag is its content hash, so {@code If-None-Match} with it answers 304. */
    @GetMapping("/photos/{photoId}")
    public ResponseEntity<byte[]> photo(@AuthenticationPrincipal Account account,
                                        @PathVariable long id, @PathVariable long photoId,
                                        WebRequest request) {
        PhotoContent photo = data.photo(account.id(), id, photoId).orElseThrow(() -> ApiException.notFound("Photo"));
        String etag = "\"" + photo.contentHash() + "\"";
        CacheControl cache = CacheControl.noCache().cachePrivate();
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(cache)
                .contentType(mediaType(photo.mime())).body(photo.bytes());
    }

    private static MediaType mediaType(String mime) {
        try {
            return MediaType.parseMediaType(mime);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    private <T> PageResponse<T> page(Account account, long id, int limit, int offset, Supplier<Page<T>> query) {
        if (!data.exists(account.id(), id)) {
            throw ApiException.notFound("Contact");
        }
        Page<T> page = query.get();
        return new PageResponse<>(page.items(), page.total(), limit, offset);
    }
}
