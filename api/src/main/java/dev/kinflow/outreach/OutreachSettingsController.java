package dev.kinflow.outreach;

import dev.kinflow.accounts.Account;
import dev.kinflow.accounts.ValidTimezone;
import dev.kinflow.common.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's outreach settings. A change is signalled to every running batch of the account, so it applies to
 * each one's next send.
 */
@RestController
public class OutreachSettingsController {

    private static final Logger log = LoggerFactory.getLogger(OutreachSettingsController.class);
    private static final String HH_MM = "([01]\\d|2[0-3]):[0-5]\\d";
    private static final String HH_MM_MESSAGE = "must be a 24-hour time HH:MM, e.g. 21:30";

    private final OutreachSettingsRepository settings;
    private final OutreachBatchRepository batches;
    private final OutreachBatchStarter starter;

    public OutreachSettingsController(OutreachSettingsRepository settings, OutreachBatchRepository batches,
                                      OutreachBatchStarter starter) {
        this.settings = settings;
        this.batches = batches;
        this.starter = starter;
    }

    public record SettingsRequest(@NotNull Boolean paused,
                                  @NotNull @Min(1) @Max(10_000) Integer maxPerMinute,
                                  @NotNull @Min(1) @Max(100_000) Integer maxPerHour,
                                  @NotNull @Min(1) @Max(1_000_000) Integer maxPerDay,
                                  @NotNull @Min(0) @Max(86_400) Integer minGapSeconds,
                                  @Pattern(regexp = HH_MM, message = HH_MM_MESSAGE) String quietHoursStart,
                                  @Pattern(regexp = HH_MM, message = HH_MM_MESSAGE) String quietHoursEnd,
                                  @ValidTimezone String timezone,
                                  @NotNull @Min(1) @Max(10_080) Integer ackTimeoutMinutes) {
    }

    @GetMapping("/api/outreach/settings")
    public OutreachSettings get(@AuthenticationPrincipal Account account) {
        return settings.find(account.id()).orElseThrow(() -> ApiException.notFound("Outreach settings"));
    }

    @PutMapping("/api/outreach/settings")
    public OutreachSettings put(@AuthenticationPrincipal Account account, @Valid @RequestBody SettingsRequest request) {
        if ((request.quietHoursStart() == null) != (request.quietHoursEnd() == null)) {
            throw ApiException.badRequest(request.quietHoursStart() == null ? "quietHoursStart" : "quietHoursEnd",
                    "quiet hours need both a start and an end (or neither)");
        }
        if (request.quietHoursStart() != null && Objects.equals(request.quietHoursStart(), request.quietHoursEnd())) {
            throw ApiException.badRequest("quietHoursEnd", "must differ from quietHoursStart");
        }
        OutreachSettings saved = settings.save(account.id(), new OutreachSettings(request.paused(),
                request.maxPerMinute(), request.maxPerHour(), request.maxPerDay(), request.minGapSeconds(),
                request.quietHoursStart(), request.quietHoursEnd(), request.timezone(), request.ackTimeoutMinutes()));
        for (long batchId : batches.runningBatchIds(account.id())) {
            try {
                starter.workflow(batchId).settingsChanged();
            } catch (RuntimeException e) {
                // the batch just finished, or Temporal is unreachable: it re-reads the settings before every send
                log.debug("Could not signal batch {}: {}", batchId, e.getClass().getSimpleName());
            }
        }
        return saved;
    }
}
