package dev.kinflow.duplicates;

/**
 * The result of a merge.
 *
 * @param mergeId    the {@code merges} row (the handle for undo)
 * @param survivorId the contact that remains
 * @param mergedId   the contact merged into the survivor (kept, hidden, with {@code merged_into} set)
 * @param applied    true when this call merged; false when the same merge had already been applied
 */
public record MergeOutcome(long mergeId, long survivorId, long mergedId, boolean applied) {
}
