package dev.kinflow.imports;

/**
 * Where a file import stands, carried over by continue-as-new.
 *
 * @param nextChunk the cursor: the first chunk not written yet
 * @param read      records read so far
 * @param imported  records written (created, updated or already up to date)
 * @param skipped   bad records skipped (reported in {@code import_record_errors})
 * @param photos    photos stored
 * @param created   contacts created
 * @param updated   contacts updated
 * @param unchanged records found already imported as they are
 */
public record FileImportState(int nextChunk, long read, long imported, long skipped, long photos, long created,
                              long updated, long unchanged) {

    public static FileImportState start() {
        return new FileImportState(0, 0, 0, 0, 0, 0, 0, 0);
    }

    public FileImportState after(FileChunkResult chunk) {
        return new FileImportState(nextChunk + 1, read + chunk.read(), imported + chunk.imported(),
                skipped + chunk.skipped(), photos + chunk.photos(), created + chunk.created(),
                updated + chunk.updated(), unchanged + chunk.unchanged());
    }
}
