package dev.kinflow.accounts;

import dev.kinflow.accounts.ApiKeyRepository.Created;
import dev.kinflow.common.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's API keys: list (never the keys), create (the key is shown once), revoke. A revoked key is refused at
 * once by every process (keys are checked against the database on every request). The last active key cannot be
 * revoked (409): an account without a key could no longer be reached.
 */
@RestController
@RequestMapping("/api/account/keys")
public class ApiKeyController {

    private final ApiKeyRepository keys;

    public ApiKeyController(ApiKeyRepository keys) {
        this.keys = keys;
    }

    public record CreateKey(@NotBlank @Size(max = 200) String label) {
    }

    /** The active keys. */
    public record KeyList(List<ApiKey> items) {
    }

    /** A new key; {@code apiKey} is shown here only. */
    public record CreatedKey(long id, String label, String prefix, Instant createdAt, String apiKey) {
    }

    @GetMapping
    public KeyList list(@AuthenticationPrincipal Account account) {
        return new KeyList(keys.listActive(account.id()));
    }

    @PostMapping
    public ResponseEntity<CreatedKey> create(@AuthenticationPrincipal Account account,
                                             @Valid @RequestBody CreateKey request) {
        Created created = keys.create(account.id(), request.label().trim());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedKey(created.key().id(),
                created.key().label(), created.key().prefix(), created.key().createdAt(), created.apiKey()));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> revoke(@AuthenticationPrincipal Account account, @PathVariable long id) {
        switch (keys.revoke(account.id(), id)) {
            case NOT_FOUND -> throw ApiException.notFound("API key");
            case LAST_KEY -> throw ApiException.conflict(
                    "This is the account's last active API key; create another one before revoking it");
            case REVOKED -> { }
        }
        return ResponseEntity.noContent().build();
    }
}
