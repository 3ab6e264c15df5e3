package dev.kinflow.reset;

/**
 * Queued work withdrawn so that nothing more leaves the account (e.g. outreach items waiting for a device).
 *
 * @param items how many items this call withdrew
 */
public record Withdrawn(long items) {
}
