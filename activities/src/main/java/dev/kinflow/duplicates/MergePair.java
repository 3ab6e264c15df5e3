package dev.kinflow.duplicates;

import java.util.UUID;

/** The two contacts of one merge: {@code mergedId} goes into {@code survivorId}, both of {@code accountId}. */
public record MergePair(UUID accountId, long survivorId, long mergedId) {
}
