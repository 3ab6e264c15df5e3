package dev.kinflow.accounts;

import dev.kinflow.jobs.JobStarted;
import dev.kinflow.accounts.AccountRequests.CreateAccount;
import dev.kinflow.accounts.AccountRequests.UpdateAccount;
import dev.kinflow.common.PhoneFormat;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.jobs.JobLauncher.Launched;
import jakarta.validation.Valid;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Account creation (admin) and the caller's own account. */
@RestController
public class AccountController {

    private static final Logger log = LoggerFactory.getLogger(AccountController.class);

    private final AccountRepository accounts;
    private final AccountBootstrapStarter bootstrap;

    public AccountController(AccountRepository accounts, AccountBootstrapStarter bootstrap) {
        this.accounts = accounts;
        this.bootstrap = bootstrap;
    }

    /** Creates an account and returns its API key once; its bootstrap starts right away. */
    @PostMapping("/admin/accounts")
    public ResponseEntity<AccountView> create(@Valid @RequestBody CreateAccount request) {
        UUID id = UUID.randomUUID();
        String apiKey = accounts.create(id, request.name().trim(), upper(request.defaultRegion()),
                request.timezone() == null ? "UTC" : request.timezone());
        try {
            bootstrap.start(id);
        } catch (RuntimeException e) {
            // the account is usable; POST /api/account/bootstrap reconciles it later
            log.warn("Account {} created but its bootstrap did not start: {}", id, e.getClass().getSimpleName());
        }
        Account account = accounts.find(id).orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(account, apiKey));
    }

    @GetMapping("/api/account")
    public AccountView get(@AuthenticationPrincipal Account account) {
        return AccountView.of(account);
    }

    @PatchMapping("/api/account")
    public AccountView update(@AuthenticationPrincipal Account account, @Valid @RequestBody UpdateAccount request) {
        return accounts.update(account.id(), request.name() == null ? null : request.name().trim(),
                        upper(request.defaultRegion()), request.timezone(),
                        request.phoneFormat() == null ? null : PhoneFormat.of(request.phoneFormat()))
                .map(AccountView::of)
                .orElseThrow(() -> ApiException.notFound("Account"));
    }

    /** Re-runs the account bootstrap (reconciliation); joins a run that is still open. */
    @PostMapping("/api/account/bootstrap")
    public ResponseEntity<JobStarted> rerunBootstrap(@AuthenticationPrincipal Account account) {
        Launched launched = bootstrap.start(account.id());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobStarted.of(launched));
    }

    private static String upper(String region) {
        return region == null ? null : region.toUpperCase(Locale.ROOT);
    }
}
