package dev.kinflow.imports;

/** Receives the chunks of an upload as a splitter cuts them (whole records only, in file order). */
@FunctionalInterface
interface FileChunkSink {

    /**
     * @param seq         chunk number, from 0
     * @param firstRecord number (0-based) of the chunk's first record
     * @param firstLine   line (1-based) where the chunk's first record starts
     * @param records     records in the chunk
     * @param body        the chunk's text
     */
    void accept(int seq, long firstRecord, long firstLine, int records, String body);
}
