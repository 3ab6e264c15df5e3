package dev.kinflow.imports;

import java.util.List;

/**
 * The records of one stored chunk, mapped: the contacts to write, the records skipped and why, the inline photos.
 *
 * @param records  records in the chunk
 * @param contacts contacts to write (keyed by record number)
 * @param errors   records skipped
 * @param photos   inline photos of the contacts
 */
record ParsedChunk(int records, List<FileContact> contacts, List<RecordError> errors, List<FilePhoto> photos) {

    /** An inline photo of a record ({@code PHOTO} with data). */
    record FilePhoto(long recordNo, int index, String mime, byte[] bytes) {
    }
}
