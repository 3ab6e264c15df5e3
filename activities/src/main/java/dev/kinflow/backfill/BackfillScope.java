package dev.kinflow.backfill;

import java.util.UUID;

/**
 * What one batch of a step works on.
 *
 * @param backfillId the {@code backfill_runs} id
 * @param accountId  the account, or null for every account
 * @param dryRun     count and sample only; write nothing to business tables
 * @param batchSize  the most rows (or groups) one batch looks at
 */
public record BackfillScope(UUID backfillId, UUID accountId, boolean dryRun, int batchSize) {
}
