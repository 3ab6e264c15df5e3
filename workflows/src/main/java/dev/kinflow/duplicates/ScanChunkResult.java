package dev.kinflow.duplicates;

/**
 * What one chunk did.
 *
 * @param lastId     the greatest source contact id compared (the next cursor)
 * @param scanned    source contacts compared
 * @param candidates candidate pairs inserted or updated
 * @param done       true when no source contact is left after {@code lastId}
 */
public record ScanChunkResult(long lastId, long scanned, long candidates, boolean done) {
}
