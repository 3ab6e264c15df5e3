package dev.kinflow.jobs;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs of the caller's account ({@code /api/jobs}) and of every account ({@code /admin/jobs}): list (filtered by
 * kind, status, account and creation time, newest first), read, and cancel any kind that can be cancelled.
 */
@RestController
public class JobController {

    private final JobViews views;
    private final JobCancellation cancellation;

    public JobController(JobViews views, JobCancellation cancellation) {
        this.views = views;
        this.cancellation = cancellation;
    }

    @GetMapping("/api/jobs")
    public PageResponse<JobView> list(@AuthenticationPrincipal Account account,
                                      @RequestParam(required = false) String kind,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(required = false) Instant from,
                                      @RequestParam(required = false) Instant to,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit,
                                      @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return views.list(account.id(), kind, status, from, to, limit, offset);
    }

    @GetMapping("/api/jobs/{id}")
    public JobView get(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
        return views.get(account.id(), id);
    }

    @PostMapping("/api/jobs/{id}/cancel")
    public ResponseEntity<JobView> cancel(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
        return ResponseEntity.accepted().body(cancellation.cancel(account.id(), id));
    }

    @GetMapping("/admin/jobs")
    public PageResponse<JobView> listAll(@RequestParam(required = false) UUID account,
                                         @RequestParam(required = false) String kind,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(required = false) Instant from,
                                         @RequestParam(required = false) Instant to,
                                         @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit,
                                         @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return views.list(account, kind, status, from, to, limit, offset);
    }

    @GetMapping("/admin/jobs/{id}")
    public JobView getAny(@PathVariable UUID id) {
        return views.get(null, id);
    }

    @PostMapping("/admin/jobs/{id}/cancel")
    public ResponseEntity<JobView> cancelAny(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(cancellation.cancel(null, id));
    }
}
