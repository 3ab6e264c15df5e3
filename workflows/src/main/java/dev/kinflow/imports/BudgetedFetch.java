package dev.kinflow.imports;

/**
 * One Monica request attempt that draws from the credential's request budget. Ids only: the budget's key (a keyed
 * hash of base URL and token) is computed by the activity and never enters a history.
 *
 * @param fetch             the request
 * @param slotKey           the attempt's key in the budget ledger (the same key after a wait finds the same slot)
 * @param requestsPerMinute the most requests in any 60 s window
 */
public record BudgetedFetch(MonicaFetch fetch, String slotKey, int requestsPerMinute) {
}
