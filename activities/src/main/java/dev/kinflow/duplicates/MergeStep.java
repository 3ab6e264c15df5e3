package dev.kinflow.duplicates;

/**
 * One kind of data a merge moves from the merged contact to the survivor, and puts back on undo. {@link #apply}
 * runs inside the merge's transaction and returns exactly what {@link #undo} needs (stored in the
 * {@link MergeSnapshot}); {@link #undo} runs inside the undo's transaction. The shape follows the backfill steps:
 * one small class per kind of data, its SQL beside it.
 *
 * @param <T> this step's part of the snapshot
 */
public interface MergeStep<T> {

    /** Moves this kind of data of {@code pair.mergedId()} to {@code pair.survivorId()}; returns what undo needs. */
    T apply(MergePair pair);

    /** Reverts what {@link #apply} did, given what it returned. */
    void undo(MergePair pair, T applied);
}
