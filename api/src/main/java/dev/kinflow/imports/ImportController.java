package dev.kinflow.imports;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.outbound.OutboundAddressPolicy;
import dev.kinflow.common.outbound.AddressClass;
import dev.kinflow.common.outbound.RefusedAddressException;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.imports.ImportStarter.RetryOf;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.jobs.JobView;
import dev.kinflow.jobs.JobViews;
import jakarta.validation.Valid;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Monica imports of the caller's account: start (after a pre-flight check of the URL and token), watch (job,
 * summary, live progress, readable error), cancel, and retry a failed one.
 */
@RestController
@RequestMapping("/api/imports")
public class ImportController {

    private final ImportStarter starter;
    private final MonicaPreflight preflight;
    private final JobViews views;
    private final OutboundAddressPolicy outbound;

    public ImportController(ImportStarter starter, MonicaPreflight preflight, JobViews views,
                            OutboundAddressPolicy outbound) {
        this.starter = starter;
        this.preflight = preflight;
        this.views = views;
        this.outbound = outbound;
    }

    @PostMapping
    public ResponseEntity<ImportViews.Started> create(@AuthenticationPrincipal Account account,
                                                      @RequestBody ImportCreateRequest request) {
        ImportOptions options = request.validate();
        if (options.defaultRegion() == null && account.defaultRegion() != null) {
            options = new ImportOptions(options.photos(), options.autoMerge(), options.extraData(),
                    account.defaultRegion(), options.requestsPerMinute());
        }
        return start(account, request.normalizedBaseUrl(), request.apiToken(), options, null);
    }

    @GetMapping("/{id}")
    public ImportViews.Import get(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
        JobRun job = starter.find(account.id(), id).orElseThrow(() -> ApiException.notFound("Import"));
        JobView view = views.get(account.id(), job.id());
        return ImportViews.Import.of(id, job, view);
    }

    @PostMapping("/{id}/cancel")
    public ResponseEntity<ImportViews.Cancelling> cancel(@AuthenticationPrincipal Account account,
                                                         @PathVariable UUID id) {
        JobRun job = starter.find(account.id(), id).orElseThrow(() -> ApiException.notFound("Import"));
        if (!starter.cancel(job)) {
            throw ApiException.conflict("The import has already ended (" + job.status().dbValue() + ")");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ImportViews.Cancelling(id, "cancelling"));
    }

    /** A failed import again, with the same URL and options and a new token: a new job linked by {@code retryOf}. */
    @PostMapping("/{id}/retry")
    public ResponseEntity<ImportViews.Started> retry(@AuthenticationPrincipal Account account, @PathVariable UUID id,
                                                     @Valid @RequestBody ImportRetryRequest request) {
        JobRun failed = starter.find(account.id(), id).orElseThrow(() -> ApiException.notFound("Import"));
        if (failed.status() != JobStatus.FAILED) {
            throw ApiException.conflict("Only a failed import can be retried; this one is "
                    + failed.status().dbValue());
        }
        if (!"monica".equals(failed.params().get("source"))) {
            throw ApiException.conflict("A file import cannot be retried (its file was deleted when it ended): "
                    + "upload the file again");
        }
        String baseUrl = String.valueOf(failed.params().get("baseUrl"));
        return start(account, baseUrl, request.apiToken(), ImportStarter.recordedOptions(failed),
                new RetryOf(failed.id(), id));
    }

    private ResponseEntity<ImportViews.Started> start(Account account, String baseUrl, String apiToken,
                                                      ImportOptions options, RetryOf retryOf) {
        checkOutbound(URI.create(baseUrl));
        preflight.check(baseUrl, apiToken, options.requestsPerMinute()).ifPresent(failure -> {
            throw new PreflightFailedException(failure);
        });
        ImportStarter.Started started = starter.start(account.id(), baseUrl, apiToken, options, retryOf);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ImportViews.Started(started.importId(),
                started.job().id(), started.workflowId(), started.job().status().dbValue(),
                retryOf == null ? null : retryOf.importId()));
    }

    /**
     * A base URL whose host the outbound policy refuses is a 400 naming {@code baseUrl}, before any connection (the
     * pre-flight's included). A host that does not resolve is left to the pre-flight (422 {@code MonicaUnknownHost}).
     */
    private void checkOutbound(URI baseUrl) {
        try {
            outbound.check(baseUrl);
        } catch (RefusedAddressException refused) {
            throw ApiException.badRequest("baseUrl", refused.getMessage()
                    + (refused.addressClass() == AddressClass.LINK_LOCAL ? " (never allowed)"
                    : " (allow it with KINFLOW_IMPORT_ALLOWED_HOSTS)"));
        } catch (UnknownHostException unknown) {
            // nothing to connect to: the pre-flight reports it (422 MonicaUnknownHost)
        }
    }

    /** The pre-flight check failed: nothing was stored. */
    static final class PreflightFailedException extends RuntimeException {
        final MonicaPreflight.Failure failure;

        PreflightFailedException(MonicaPreflight.Failure failure) {
            super(failure.message());
            this.failure = failure;
        }
    }

    /**
     * 422 naming the cause: {@code cause} is the problem's type ({@code MonicaUnreachable}, {@code MonicaTlsError},
     * {@code NotAMonica}, {@code MonicaTokenRejected}, …) and {@code errors} names the field to fix.
     */
    @ExceptionHandler(PreflightFailedException.class)
    ResponseEntity<ProblemDetail> preflightFailed(PreflightFailedException e) {
        MonicaProblem problem = e.failure.problem();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "Monica pre-flight check failed: " + e.failure.message());
        body.setTitle(problem.label());
        body.setProperty("cause", problem.type());
        String field = problem == MonicaProblem.TOKEN_REJECTED ? "apiToken" : "baseUrl";
        body.setProperty("errors", List.of(new ApiException.FieldProblem(field, e.failure.message())));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
    }
}
