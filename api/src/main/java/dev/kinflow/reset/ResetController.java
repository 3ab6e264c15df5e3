package dev.kinflow.reset;

import dev.kinflow.jobs.JobStarted;
import dev.kinflow.accounts.Account;
import dev.kinflow.common.security.CallerAuthentication;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.jobs.JobLauncher.Launched;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/account/reset}: wipes the caller's account after it confirms with the account's exact name. */
@RestController
public class ResetController {

    /** The body: the account's name, typed again, exactly. */
    public record ResetRequestBody(@NotNull String confirm) {
    }

    private final ResetStarter starter;

    public ResetController(ResetStarter starter) {
        this.starter = starter;
    }

    @PostMapping("/api/account/reset")
    public ResponseEntity<JobStarted> reset(@AuthenticationPrincipal Account account,
                                            @Valid @RequestBody ResetRequestBody body,
                                            CallerAuthentication caller) {
        if (!account.name().equals(body.confirm())) {
            throw ApiException.badRequest("confirm", "must be the exact name of the account");
        }
        // the audit trail names the key that asked (its id, never the key)
        Launched launched = starter.start(account.id(), "api-key:" + caller.tokenId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobStarted.of(launched));
    }
}
