package dev.kinflow.reset;

import dev.kinflow.jobs.JobStarted;
import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.jobs.JobLauncher.Launched;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
    private final ResetRepository resets;

    public ResetController(ResetStarter starter, ResetRepository resets) {
        this.starter = starter;
        this.resets = resets;
    }

    @PostMapping("/api/account/reset")
    public ResponseEntity<JobStarted> reset(Account account, @Valid @RequestBody ResetRequestBody body,
                                                     HttpServletRequest request) {
        if (!account.name().equals(body.confirm())) {
            throw ApiException.badRequest("confirm", "must be the exact name of the account");
        }
        Launched launched = starter.start(account.id(), actor(account, request));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobStarted.of(launched));
    }

    /** {@code api-key:<id>} of the key that made the request (never the key itself), or {@code api}. */
    private String actor(Account account, HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = header == null || header.length() <= 7 ? null : header.substring(7).trim();
        return (token == null ? java.util.Optional.<Long>empty() : resets.apiKeyId(account.id(), token))
                .map(id -> "api-key:" + id).orElse("api");
    }
}
