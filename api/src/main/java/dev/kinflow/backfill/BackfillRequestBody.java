package dev.kinflow.backfill;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /api/backfills} and {@code POST /admin/backfills}; {@code dryRun} defaults to true. */
public record BackfillRequestBody(
        @NotBlank String kind,
        Boolean dryRun,
        @Min(1) @Max(10000) Integer batchSize,
        @Min(1) @Max(1000000) Integer maxRowsPerSecond) {
}
