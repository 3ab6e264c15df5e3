package dev.kinflow.outreach;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.PageResponse;
import dev.kinflow.jobs.JobLauncher.Launched;
import dev.kinflow.outreach.BatchPlanner.PlannedItem;
import dev.kinflow.outreach.BatchPlanner.Recipients;
import io.temporal.client.WorkflowException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Outreach batches: creation (or a dry run), their state and items, and steering (pause, resume, cancel). */
@RestController
@RequestMapping("/api/outreach/batches")
public class OutreachBatchController {

    static final int MAX_PREVIEWS = 100;

    private final BatchPlanner planner;
    private final OutreachBatchRepository batches;
    private final DeviceRepository devices;
    private final OutreachBatchStarter starter;

    public OutreachBatchController(BatchPlanner planner, OutreachBatchRepository batches, DeviceRepository devices,
                                   OutreachBatchStarter starter) {
        this.planner = planner;
        this.batches = batches;
        this.devices = devices;
        this.starter = starter;
    }

    public record RecipientsRequest(@Size(min = 1, max = 20_000) List<@NotNull Long> contactIds,
                                    @Size(min = 1, max = 200) String tag,
                                    Boolean all) {
    }

    public record CreateBatch(@NotBlank @Size(max = 4000) String template,
                              @NotNull @Valid RecipientsRequest recipients,
                              Map<@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,49}",
                                      message = "variable names are letters, digits and _") String,
                                      @Size(max = 1000) String> vars,
                              @NotNull Long deviceId,
                              Boolean dryRun) {
    }

    @PostMapping
    public ResponseEntity<BatchViews.Created> create(@AuthenticationPrincipal Account account,
                                                     @Valid @RequestBody CreateBatch request) {
        RecipientsRequest r = request.recipients();
        int chosen = (r.contactIds() != null ? 1 : 0) + (r.tag() != null ? 1 : 0) + (Boolean.TRUE.equals(r.all()) ? 1 : 0);
        if (chosen != 1) {
            throw ApiException.badRequest("recipients", "give exactly one of contactIds, tag or all:true");
        }
        if (!devices.exists(account.id(), request.deviceId())) {
            throw ApiException.badRequest("deviceId", "is not a device of this account");
        }
        List<PlannedItem> plan;
        try {
            plan = planner.plan(account.id(), request.template(), new Recipients(r.contactIds(), r.tag(), r.all()),
                    request.vars());
        } catch (OutreachRequestException e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
        long skipped = plan.stream().filter(i -> i.skipReason() != null).count();
        if (Boolean.TRUE.equals(request.dryRun())) {
            return ResponseEntity.ok(dryRun(plan, skipped));
        }
        long batchId = batches.create(account.id(), request.deviceId(), request.template(), plan);
        Launched launched = starter.start(account.id(), batchId, plan.size(), skipped);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(batches.find(account.id(), batchId).orElseThrow())
                .withJobId(launched.job().id()));
    }

    private static BatchViews.DryRun dryRun(List<PlannedItem> plan, long skipped) {
        return new BatchViews.DryRun(true, Map.of("pending", plan.size() - skipped, "skipped", skipped),
                plan.stream().filter(i -> i.skipReason() == null).limit(MAX_PREVIEWS)
                        .map(i -> new BatchViews.Preview(i.contactId(), i.toHandle(), i.body())).toList(),
                plan.stream().filter(i -> i.skipReason() != null).limit(MAX_PREVIEWS)
                        .map(i -> new BatchViews.Skipped(i.contactId(), i.skipReason())).toList());
    }

    @GetMapping("/{id}")
    public BatchViews.Batch get(@AuthenticationPrincipal Account account, @PathVariable long id) {
        return view(find(account, id));
    }

    @GetMapping("/{id}/items")
    public PageResponse<OutreachBatchItem> items(@AuthenticationPrincipal Account account, @PathVariable long id,
            @RequestParam(required = false) @Pattern(regexp = "pending|queued|sent|failed|skipped|cancelled",
                    message = "must be one of pending, queued, sent, failed, skipped, cancelled") String status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        find(account, id);
        return new PageResponse<>(batches.items(account.id(), id, status, limit, offset),
                batches.countItems(account.id(), id, status), limit, offset);
    }

    @PostMapping("/{id}/pause")
    public BatchViews.Batch pause(@AuthenticationPrincipal Account account, @PathVariable long id) {
        return steer(account, id, OutreachBatchWorkflow::pause);
    }

    @PostMapping("/{id}/resume")
    public BatchViews.Batch resume(@AuthenticationPrincipal Account account, @PathVariable long id) {
        return steer(account, id, OutreachBatchWorkflow::resume);
    }

    @PostMapping("/{id}/cancel")
    public BatchViews.Batch cancel(@AuthenticationPrincipal Account account, @PathVariable long id) {
        return steer(account, id, OutreachBatchWorkflow::cancel);
    }

    /** Sends an acknowledged update; it returns once the workflow (and the database) reflect it. */
    private BatchViews.Batch steer(Account account, long id,
                                      Function<OutreachBatchWorkflow, OutreachBatchWorkflow.BatchState> update) {
        OutreachBatch batch = find(account, id);
        if (batch.status().equals("completed") || batch.status().equals("cancelled")) {
            throw ApiException.conflict("The batch has already " + batch.status());
        }
        try {
            update.apply(starter.workflow(id));
        } catch (WorkflowException e) {
            throw ApiException.conflict("The batch is no longer running");
        }
        return view(find(account, id));
    }

    private OutreachBatch find(Account account, long id) {
        return batches.find(account.id(), id).orElseThrow(() -> ApiException.notFound("Batch"));
    }

    static BatchViews.Batch view(OutreachBatch b) {
        return BatchViews.Batch.of(b);
    }
}
