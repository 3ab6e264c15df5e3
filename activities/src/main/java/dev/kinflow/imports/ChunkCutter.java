package dev.kinflow.imports;

/**
 * Groups records into chunks of at most {@link #RECORDS_PER_CHUNK} records and about {@link #MAX_CHUNK_CHARS}
 * characters (a bigger single record, e.g. a card with a large photo, gets a chunk of its own).
 */
final class ChunkCutter {

    static final int RECORDS_PER_CHUNK = 1_000;
    static final int MAX_CHUNK_CHARS = 4 * 1024 * 1024;

    private final FileChunkSink sink;
    private final int recordsPerChunk;
    private int seq;
    private long records;
    private long firstRecord;
    private long firstLine;
    private int inChunk;
    private final StringBuilder body = new StringBuilder();

    ChunkCutter(FileChunkSink sink, int recordsPerChunk) {
        this.sink = sink;
        this.recordsPerChunk = recordsPerChunk;
    }

    /** Adds one whole record that starts at {@code line}. */
    void add(CharSequence record, long line) {
        if (inChunk > 0 && (inChunk >= recordsPerChunk || body.length() + record.length() > MAX_CHUNK_CHARS)) {
            flush();
        }
        if (inChunk == 0) {
            firstRecord = records;
            firstLine = line;
        }
        body.append(record);
        inChunk++;
        records++;
    }

    /** Writes the last, partly filled chunk. */
    void finish() {
        if (inChunk > 0) {
            flush();
        }
    }

    long records() {
        return records;
    }

    int chunks() {
        return seq;
    }

    private void flush() {
        sink.accept(seq++, firstRecord, firstLine, inChunk, body.toString());
        body.setLength(0);
        inChunk = 0;
    }
}
