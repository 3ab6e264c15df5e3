package dev.kinflow.duplicates;

/**
 * What a scan compares.
 *
 * @param since    compare contacts changed after this instant (ISO-8601), or every contact when null (full scan)
 * @param until    the instant the scan started (ISO-8601): the next incremental scan starts from here
 * @param sources  how many contacts this scan compares against the account (for progress)
 */
public record ScanPlan(String since, String until, long sources) {
}
