package dev.kinflow.imports;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/imports/{id}/retry}: the token again (a finished import's token is deleted). */
public record ImportRetryRequest(@NotBlank @Size(max = 4096) String apiToken) {
}
