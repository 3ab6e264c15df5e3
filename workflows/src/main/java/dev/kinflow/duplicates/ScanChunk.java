package dev.kinflow.duplicates;

/**
 * Input of {@link DuplicateScanActivities#scanChunk}: compare up to {@code maxContacts} source contacts with an id
 * greater than {@code afterId} against the whole account.
 *
 * @param accountId   the account
 * @param since       the plan's {@link ScanPlan#since()}
 * @param afterId     the cursor
 * @param maxContacts the most source contacts this call compares
 */
public record ScanChunk(String accountId, String since, long afterId, int maxContacts) {
}
