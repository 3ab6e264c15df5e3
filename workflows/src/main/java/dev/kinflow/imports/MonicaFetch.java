package dev.kinflow.imports;

/**
 * One Monica request of an import: what to fetch and where its data goes. Ids only.
 *
 * @param accountId     the Kinflow account
 * @param jobId         the import job (recorded on every row it writes)
 * @param credentialId  the encrypted Monica token
 * @param baseUrl       the Monica instance
 * @param defaultRegion region for national phone numbers (null: none)
 * @param target        what to fetch
 * @param contactId     the Monica contact id for {@code CONTACT} and a contact's extra-data list; 0 for the
 *                      account-wide listings
 * @param page          the page for paginated targets (1-based), else 0
 * @param via           why a contact is fetched: {@code listing}, {@code backfill} or {@code reference}
 */
public record MonicaFetch(String accountId, String jobId, String credentialId, String baseUrl, String defaultRegion,
                          MonicaTarget target, long contactId, int page, String via) {
}
