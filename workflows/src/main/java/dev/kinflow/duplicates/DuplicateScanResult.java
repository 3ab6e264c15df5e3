package dev.kinflow.duplicates;

import java.util.List;

/**
 * What a scan found.
 *
 * @param contactsScanned contacts compared against the account
 * @param candidates      candidate pairs inserted or updated
 * @param skippedKeys     keys shared by too many contacts to pair (kind and count, never the value)
 */
public record DuplicateScanResult(long contactsScanned, long candidates, List<SkippedKey> skippedKeys) {

    public DuplicateScanResult {
        skippedKeys = skippedKeys == null ? List.of() : List.copyOf(skippedKeys);
    }

    public DuplicateScanResult(long contactsScanned, long candidates) {
        this(contactsScanned, candidates, List.of());
    }
}
