package dev.kinflow.backfill;

import dev.kinflow.accounts.Account;
import dev.kinflow.backfill.BackfillStarter.BackfillSpec;
import dev.kinflow.backfill.BackfillSteering.NotSteerableException;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.jobs.JobRunRepository;
import jakarta.validation.Valid;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Backfills of the caller's account ({@code /api/backfills}) and of every account ({@code /admin/backfills}). */
@RestController
public class BackfillController {

    private final BackfillStarter starter;
    private final BackfillSteering steering;
    private final BackfillRepository runs;
    private final JobRunRepository jobs;
    private final int defaultBatchSize;

    public BackfillController(BackfillStarter starter, BackfillSteering steering, BackfillRepository runs,
                              JobRunRepository jobs,
                              @Value("${kinflow.backfill.default-batch-size:1000}") int defaultBatchSize) {
        this.starter = starter;
        this.steering = steering;
        this.runs = runs;
        this.jobs = jobs;
        this.defaultBatchSize = defaultBatchSize;
    }

    @PostMapping("/api/backfills")
    public ResponseEntity<BackfillStarted> start(@AuthenticationPrincipal Account account,
                                                 @Valid @RequestBody BackfillRequestBody request) {
        return started(account.id(), request);
    }

    @PostMapping("/admin/backfills")
    public ResponseEntity<BackfillStarted> startForAllAccounts(@Valid @RequestBody BackfillRequestBody request) {
        return started(null, request);
    }

    @GetMapping("/api/backfills/{id}")
    public BackfillView get(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
        return view(runs.find(account.id(), id));
    }

    @GetMapping("/admin/backfills/{id}")
    public BackfillView getAny(@PathVariable UUID id) {
        return view(runs.find(null, id));
    }

    @PostMapping("/api/backfills/{id}/pause")
    public BackfillView pause(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
        return steer(steering::pause, account.id(), id);
    }

    @PostMapping("/api/backfills/{id}/resume")
    public BackfillView resume(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
        return steer(steering::resume, account.id(), id);
    }

    @PostMapping("/api/backfills/{id}/cancel")
    public ResponseEntity<BackfillView> cancel(@AuthenticationPrincipal Account account, @PathVariable UUID id) {
        return ResponseEntity.accepted().body(steer(steering::cancel, account.id(), id));
    }

    @PostMapping("/admin/backfills/{id}/pause")
    public BackfillView pauseAny(@PathVariable UUID id) {
        return steer(steering::pause, null, id);
    }

    @PostMapping("/admin/backfills/{id}/resume")
    public BackfillView resumeAny(@PathVariable UUID id) {
        return steer(steering::resume, null, id);
    }

    @PostMapping("/admin/backfills/{id}/cancel")
    public ResponseEntity<BackfillView> cancelAny(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(steer(steering::cancel, null, id));
    }

    private ResponseEntity<BackfillStarted> started(UUID accountId, BackfillRequestBody request) {
        BackfillKind kind = BackfillKind.fromWireName(request.kind()).orElseThrow(() ->
                ApiException.badRequest("kind", "must be one of " + String.join(", ", BackfillKind.wireNames())));
        UUID id = starter.start(new BackfillSpec(accountId, kind, !Boolean.FALSE.equals(request.dryRun()),
                request.batchSize() == null ? defaultBatchSize : request.batchSize(), request.maxRowsPerSecond()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new BackfillStarted(id,
                BackfillWorkflow.workflowId(id.toString())));
    }

    private BackfillView steer(BiFunction<UUID, UUID, Optional<BackfillRun>> action, UUID accountId, UUID id) {
        try {
            return view(action.apply(accountId, id));
        } catch (NotSteerableException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private BackfillView view(Optional<BackfillRun> run) {
        BackfillRun found = run.orElseThrow(() -> ApiException.notFound("Backfill"));
        String jobStatus = found.jobId() == null ? null
                : jobs.find(found.jobId()).map(job -> job.status().dbValue()).orElse(null);
        return BackfillView.of(found, jobStatus);
    }
}
