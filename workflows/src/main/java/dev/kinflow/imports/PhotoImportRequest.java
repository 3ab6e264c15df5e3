package dev.kinflow.imports;

import java.util.List;

/**
 * Input of {@link PhotoImportWorkflow}.
 *
 * @param fetch        the Monica request template (account, job, credential, base URL)
 * @param limit        requests per minute
 * @param window       completion times of the parent's recent requests (the window continues here)
 * @param blockedUntil no request before this time (a pending Retry-After)
 */
public record PhotoImportRequest(MonicaFetch fetch, int limit, List<Long> window, long blockedUntil) {
}
