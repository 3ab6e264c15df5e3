package dev.kinflow.imports;

/**
 * What an import is waiting for right now, as data for its progress ({@code waiting {reason, until}}): "waiting for
 * the credential's budget until {@code until}".
 *
 * @param reason {@code BUDGET} (the credential's requests per minute are used up) or {@code RETRY_AFTER} (a 429)
 * @param until  epoch milliseconds (workflow time) when the next request may go
 */
public record BudgetWaiting(BudgetWait.Reason reason, long until) {
}
