package dev.kinflow.jobs;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Jobs of the caller's account ({@code /api/jobs}) and of every account ({@code /admin/jobs}). */
@RestController
public class JobController {

    private final JobViews views;

    public JobController(JobViews views) {
        this.views = views;
    }

    @GetMapping("/api/jobs")
    public PageResponse<JobView> list(@AuthenticationPrincipal Account account,
                                      @RequestParam(required = false) String kind,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit,
                                      @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return views.list(account.id(), kind, status, limit, offset);
    }

    @GetMapping("/api/jobs/{id}")
    public JobView get(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
        return views.get(account.id(), id);
    }

    @GetMapping("/admin/jobs")
    public PageResponse<JobView> listAll(@RequestParam(required = false) String kind,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit,
                                         @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return views.list(null, kind, status, limit, offset);
    }

    @GetMapping("/admin/jobs/{id}")
    public JobView getAny(@PathVariable UUID id) {
        return views.get(null, id);
    }
}
