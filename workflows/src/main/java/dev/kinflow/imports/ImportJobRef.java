package dev.kinflow.imports;

/**
 * Names an import job and its data source.
 *
 * @param accountId    the account
 * @param jobId        the import job
 * @param source       {@code import_records.source}
 * @param credentialId the encrypted token (deleted at the end)
 */
public record ImportJobRef(String accountId, String jobId, String source, String credentialId) {
}
