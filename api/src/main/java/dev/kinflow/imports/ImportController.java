package dev.kinflow.imports;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.outbound.OutboundAddressPolicy;
import dev.kinflow.common.outbound.RefusedAddressException;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobView;
import dev.kinflow.jobs.JobViews;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Monica imports of the caller's account: start, watch (job, summary, live progress), cancel. */
@RestController
@RequestMapping("/api/imports")
public class ImportController {

    private final ImportStarter starter;
    private final JobViews views;
    private final OutboundAddressPolicy outbound;

    public ImportController(ImportStarter starter, JobViews views, OutboundAddressPolicy outbound) {
        this.starter = starter;
        this.views = views;
        this.outbound = outbound;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> create(Account account, @RequestBody ImportCreateRequest request) {
        ImportOptions options = request.validate();
        checkOutbound(URI.create(request.normalizedBaseUrl()));
        if (options.defaultRegion() == null && account.defaultRegion() != null) {
            options = new ImportOptions(options.photos(), options.autoMerge(), options.extraData(),
                    account.defaultRegion(), options.requestsPerMinute());
        }
        ImportStarter.Started started = starter.start(account.id(), request.normalizedBaseUrl(), request.apiToken(),
                options);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", started.importId());
        body.put("workflowId", started.workflowId());
        body.put("status", started.job().status().dbValue());
        body.put("jobId", started.job().id());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    /** A base URL whose host is refused by the outbound policy, or does not resolve, is a 400 naming {@code baseUrl}. */
    private void checkOutbound(URI baseUrl) {
        try {
            outbound.check(baseUrl);
        } catch (RefusedAddressException refused) {
            throw ApiException.badRequest("baseUrl", refused.getMessage()
                    + " (allow it with KINFLOW_IMPORT_ALLOWED_HOSTS)");
        } catch (UnknownHostException unknown) {
            throw ApiException.badRequest("baseUrl", "the host name does not resolve");
        }
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(Account account, @PathVariable UUID id) {
        JobRun job = starter.find(account.id(), id).orElseThrow(() -> ApiException.notFound("Import"));
        JobView view = views.get(account.id(), job.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("jobId", view.id());
        body.put("workflowId", view.workflowId());
        body.put("status", view.status());
        body.put("createdAt", view.createdAt());
        body.put("finishedAt", view.finishedAt());
        body.put("options", job.params() == null ? Map.of() : job.params().get("options"));
        body.put("progress", view.progress());
        body.put("summary", view.summary());
        body.put("error", view.error());
        return body;
    }

    @PostMapping("/{id}/cancel")
    public ResponseEntity<Map<String, Object>> cancel(Account account, @PathVariable UUID id) {
        JobRun job = starter.find(account.id(), id).orElseThrow(() -> ApiException.notFound("Import"));
        if (!starter.cancel(job)) {
            throw ApiException.conflict("The import has already ended (" + job.status().dbValue() + ")");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "status", "cancelling"));
    }
}
