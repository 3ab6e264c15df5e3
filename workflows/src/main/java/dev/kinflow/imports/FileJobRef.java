package dev.kinflow.imports;

/**
 * Names a file import job and its stored file.
 *
 * @param accountId the account
 * @param jobId     the import job
 * @param fileId    the stored file
 * @param source    {@code import_records.source} of the file
 */
public record FileJobRef(String accountId, String jobId, String fileId, String source) {

    public ImportJobRef importJob() {
        return new ImportJobRef(accountId, jobId, source, null);
    }
}
