package dev.kinflow.imports;

import java.util.List;

/**
 * What the photo phase did (per-photo outcomes are in the database).
 *
 * @param pages        photo pages imported
 * @param failedPages  pages that stayed broken
 * @param requests     Monica requests made
 * @param window       completion times of recent requests, for the parent's window
 * @param blockedUntil a pending Retry-After
 * @param waitedMillis time spent waiting for the credential's request budget
 */
public record PhotoImportResult(int pages, int failedPages, long requests, List<Long> window, long blockedUntil,
                                long waitedMillis) {
}
