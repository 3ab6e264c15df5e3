package dev.kinflow.duplicates;

import dev.kinflow.jobs.JobStarted;
import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.PageResponse;
import dev.kinflow.jobs.JobLauncher.Launched;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Duplicate scan, candidates, merge and undo for the caller's account. */
@RestController
public class DuplicateController {

    private final DuplicateScanStarter scans;
    private final DuplicateCandidateRepository candidates;
    private final MergeService merges;

    public DuplicateController(DuplicateScanStarter scans, DuplicateCandidateRepository candidates,
                               MergeService merges) {
        this.scans = scans;
        this.candidates = candidates;
        this.merges = merges;
    }

    /** Optional body of a scan request; {@code full} defaults to false (incremental once a scan has run). */
    public record ScanRequest(Boolean full) {
    }

    /** Body of a merge: which contact of the pair remains. */
    public record MergeRequest(@NotNull Long survivorId) {
    }

    /** A merge or its undo. */
    public record MergeView(long mergeId, long survivorId, long mergedId, String status) {
    }

    /** Starts the account's scan, or joins the one running. */
    @PostMapping("/api/duplicates/scan")
    public ResponseEntity<JobStarted> scan(@AuthenticationPrincipal Account account,
                                                    @RequestBody(required = false) ScanRequest request) {
        boolean full = request != null && Boolean.TRUE.equals(request.full());
        Launched launched = scans.start(account.id(), full);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobStarted.of(launched));
    }

    @GetMapping("/api/duplicates")
    public PageResponse<DuplicateCandidate> list(@AuthenticationPrincipal Account account,
                                                 @RequestParam(defaultValue = "pending") String status,
                                                 @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit,
                                                 @RequestParam(defaultValue = "0") @Min(0) int offset) {
        if (!DuplicateCandidateRepository.STATUSES.contains(status)) {
            throw ApiException.badRequest("status", "must be one of pending, dismissed, merged");
        }
        return new PageResponse<>(candidates.list(account.id(), status, limit, offset),
                candidates.count(account.id(), status), limit, offset);
    }

    @PostMapping("/api/duplicates/{id}/dismiss")
    public DuplicateCandidate dismiss(@AuthenticationPrincipal Account account, @PathVariable long id) {
        candidates.find(account.id(), id).orElseThrow(() -> ApiException.notFound("Duplicate candidate"));
        if (!candidates.dismiss(account.id(), id)) {
            throw ApiException.conflict("The pair has already been merged");
        }
        return candidates.find(account.id(), id).orElseThrow();
    }

    @PostMapping("/api/duplicates/{id}/merge")
    public MergeView merge(@AuthenticationPrincipal Account account,
                           @PathVariable long id, @Valid @RequestBody MergeRequest request) {
        DuplicateCandidate pair = candidates.find(account.id(), id)
                .orElseThrow(() -> ApiException.notFound("Duplicate candidate"));
        long survivor = request.survivorId();
        if (survivor != pair.contactA().id() && survivor != pair.contactB().id()) {
            throw ApiException.badRequest("survivorId", "must be one of the two contacts of the pair");
        }
        long merged = survivor == pair.contactA().id() ? pair.contactB().id() : pair.contactA().id();
        MergeOutcome outcome = merges.merge(account.id(), survivor, merged, id, "user");
        return new MergeView(outcome.mergeId(), outcome.survivorId(), outcome.mergedId(), "applied");
    }

    @PostMapping("/api/merges/{mergeId}/undo")
    public MergeView undo(@AuthenticationPrincipal Account account, @PathVariable long mergeId) {
        MergeOutcome outcome = merges.undo(account.id(), mergeId);
        return new MergeView(outcome.mergeId(), outcome.survivorId(), outcome.mergedId(), "undone");
    }
}
