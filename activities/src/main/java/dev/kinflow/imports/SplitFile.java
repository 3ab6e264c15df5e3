package dev.kinflow.imports;

/**
 * An upload cut into chunks.
 *
 * @param settings how to read the chunks
 * @param records  records (rows after the header, or cards) in the file
 * @param chunks   chunks written to the sink
 */
record SplitFile(FileSettings settings, long records, int chunks) {
}
