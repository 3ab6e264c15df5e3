package dev.kinflow.imports;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The Monica side of an import, on task queue {@code kinflow-monica}. Every call makes <b>at most one</b> HTTP request
 * (none when the credential's budget says to wait; so the workflow can count every request) and writes what it fetched in one transaction.
 * Failures of the request are returned as a {@link MonicaCall} classification, not thrown, and the workflow decides
 * about retries (these activities run with a single attempt).
 *
 * <p>Idempotency key: (account, source, entity type, Monica id) in {@code import_records}; content hashes make a
 * repeated call write nothing. Timeouts: one HTTP request (30 s client timeout) plus one batch write, so a 60 s
 * start-to-close; a timed-out attempt counts as a request that happened. No heartbeat: an attempt is one blocking
 * request, so a worker that dies leaves it outstanding for at most those 60 s before the workflow retries it. When the
 * import is cancelled, an attempt in flight is abandoned (it finishes on its own, its write is idempotent).
 */
@ActivityInterface
public interface MonicaImportActivities {

    /** The request without the credential's budget (imports started before the budget; kept for their replay). */
    @ActivityMethod
    MonicaFetched fetch(MonicaFetch request);

    /**
     * The request within the credential's budget: takes (or reserves) the attempt's slot in the budget ledger under
     * the budget's row lock; when its time has not come, answers how long to wait without sending anything, else
     * sends exactly one request and records when it came back (a 429 blocks the budget for every user until its
     * {@code Retry-After}). Idempotency key: the slot key, for the slot; the import records, for the write.
     */
    @ActivityMethod
    BudgetedFetched fetchWithinBudget(BudgetedFetch request);
}
