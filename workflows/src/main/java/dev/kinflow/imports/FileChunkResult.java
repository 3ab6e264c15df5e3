package dev.kinflow.imports;

/**
 * What writing one chunk did.
 *
 * @param read      records in the chunk
 * @param imported  records written or found up to date
 * @param skipped   bad records skipped (each recorded with its line or card number and reason)
 * @param photos    photos stored (vCard {@code PHOTO})
 * @param created   contacts created
 * @param updated   contacts updated (the same file imported again with other options)
 * @param unchanged records already imported as they are (the same file imported again)
 */
public record FileChunkResult(int read, int imported, int skipped, int photos, int created, int updated,
                              int unchanged) {
}
