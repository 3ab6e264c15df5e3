package dev.kinflow.imports;

/**
 * Input of {@link ContactImportWorkflow}: ids and options only — the Monica token stays encrypted in
 * {@code credentials} and is named here by its id.
 *
 * @param accountId    the Kinflow account
 * @param jobId        the {@code job_runs} row of this import
 * @param importId     the import's id (workflow id {@code import-{importId}})
 * @param credentialId the encrypted Monica token
 * @param baseUrl      the Monica instance, e.g. {@code https://monica.example}
 * @param options      the caller's options
 * @param resumed      the state carried over by continue-as-new; null on the first run
 */
public record ImportRequest(String accountId, String jobId, String importId, String credentialId, String baseUrl,
                            ImportOptions options, ImportState resumed) {

    /** The {@code import_records.source} of this Monica instance (never a token). */
    public String source() {
        return "monica:" + baseUrl;
    }

    public ImportRequest continuedWith(ImportState state) {
        return new ImportRequest(accountId, jobId, importId, credentialId, baseUrl, options, state);
    }
}
