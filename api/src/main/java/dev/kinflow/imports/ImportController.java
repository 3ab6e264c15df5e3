package dev.kinflow.imports;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobView;
import dev.kinflow.jobs.JobViews;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

    public ImportController(ImportStarter starter, JobViews views) {
        this.starter = starter;
        this.views = views;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal Account account,
                                                      @RequestBody ImportCreateRequest request) {
        ImportOptions options = request.validate();
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

    @GetMapping("/{id}")
    public Map<String, Object> get(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
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
    public ResponseEntity<Map<String, Object>> cancel(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
        JobRun job = starter.find(account.id(), id).orElseThrow(() -> ApiException.notFound("Import"));
        if (!starter.cancel(job)) {
            throw ApiException.conflict("The import has already ended (" + job.status().dbValue() + ")");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "status", "cancelling"));
    }
}
