package dev.kinflow.imports;

/**
 * One stored chunk of a file to write.
 *
 * @param job   the import job and its file
 * @param chunk the chunk number (0-based), the workflow's cursor
 */
public record FileChunkRequest(FileJobRef job, int chunk) {
}
