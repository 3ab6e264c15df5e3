package dev.kinflow.duplicates;

/**
 * What a scan found.
 *
 * @param contactsScanned contacts compared against the account
 * @param candidates      candidate pairs inserted or updated
 */
public record DuplicateScanResult(long contactsScanned, long candidates) {
}
