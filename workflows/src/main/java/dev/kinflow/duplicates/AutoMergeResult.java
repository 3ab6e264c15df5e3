package dev.kinflow.duplicates;

/**
 * What an auto-merge did.
 *
 * @param groups contact groups that qualified (same normalised name and a shared email, phone or address)
 * @param merged contacts merged into a survivor by this call
 */
public record AutoMergeResult(long groups, long merged) {
}
