package dev.kinflow.imports;

/**
 * Input of {@link FileImportWorkflow}: ids, counts and the cursor only — the file, its mapping and the tags to add
 * stay in PostgreSQL ({@code import_files}).
 *
 * @param accountId the Kinflow account
 * @param jobId     the {@code job_runs} row of this import
 * @param importId  the import's id (workflow id {@code import-{importId}})
 * @param fileId    the stored file ({@code import_files.id})
 * @param source    the {@code import_records.source} of this file: {@code vcard:<sha256>} or {@code csv:<sha256>}
 * @param chunks    how many stored chunks the file has
 * @param records   how many records (cards, rows) the file has
 * @param autoMerge merge same-name contacts sharing an email, phone or address at the end
 * @param resumed   the counts and cursor carried over by continue-as-new; null on the first run
 */
public record FileImportRequest(String accountId, String jobId, String importId, String fileId, String source,
                                int chunks, long records, boolean autoMerge, FileImportState resumed) {

    public FileImportRequest continuedWith(FileImportState state) {
        return new FileImportRequest(accountId, jobId, importId, fileId, source, chunks, records, autoMerge, state);
    }

    public FileJobRef ref() {
        return new FileJobRef(accountId, jobId, fileId, source);
    }
}
