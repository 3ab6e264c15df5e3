package dev.kinflow.outreach;

import dev.kinflow.common.web.ApiException;
import dev.kinflow.outreach.OutreachBatchRepository.RecordedResult;
import dev.kinflow.outreach.OutreachBatchWorkflow.ItemResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The device loop: a device claims the messages queued for it and reports each one's result. A device only ever sees
 * its own account's and its own queue; anything else is 404.
 */
@RestController
public class SendQueueController {

    private static final Logger log = LoggerFactory.getLogger(SendQueueController.class);

    private final OutreachBatchRepository batches;
    private final OutreachBatchStarter starter;

    public SendQueueController(OutreachBatchRepository batches, OutreachBatchStarter starter) {
        this.batches = batches;
        this.starter = starter;
    }

    public record ResultRequest(@NotNull @Pattern(regexp = "sent|failed", message = "must be sent or failed")
                                String status,
                                @Size(max = 500) String error) {
    }

    /** Messages claimed for the device. */
    public record Pending(List<QueuedMessage> items) {
    }

    /** A result as recorded; {@code changed} is false when it repeated the recorded one. */
    public record ResultRecorded(long id, String status, boolean changed) {
    }

    @GetMapping("/client/send-queue/pending")
    public Pending pending(@AuthenticationPrincipal Device device,
                                                    @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return new Pending(batches.claim(device, limit));
    }

    @PostMapping("/client/send-queue/{id}/result")
    public ResultRecorded result(@AuthenticationPrincipal Device device,
                                      @PathVariable long id, @Valid @RequestBody ResultRequest request) {
        RecordedResult recorded = batches.recordResult(device, id, request.status(),
                "failed".equals(request.status()) ? request.error() : null);
        switch (recorded.outcome()) {
            case NOT_FOUND -> throw ApiException.notFound("Queued message");
            case CONFLICT -> throw ApiException.conflict(
                    "This message already has another outcome (a different result, expired or withdrawn)");
            case APPLIED -> signal(recorded, request.status());
            case SAME -> { }
        }
        return new ResultRecorded(id, request.status(),
                recorded.outcome() == OutreachBatchRepository.ResultOutcome.APPLIED);
    }

    private void signal(RecordedResult recorded, String status) {
        try {
            starter.workflow(recorded.batchId()).itemResult(new ItemResult(recorded.itemId(), status));
        } catch (RuntimeException e) {
            // recorded in the database already; a finished batch no longer needs to hear about it
            log.debug("Could not signal batch {}: {}", recorded.batchId(), e.getClass().getSimpleName());
        }
    }
}
