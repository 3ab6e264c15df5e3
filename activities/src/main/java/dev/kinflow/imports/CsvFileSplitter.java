package dev.kinflow.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded CSV with Apache Commons CSV (quoting, embedded newlines; the BOM is dropped by
 * {@link TextDecoding}), streaming: the header is mapped to contact fields ({@link CsvHeaderMapping}) and every
 * following record's original text is handed to a {@link ChunkCutter}, so at most one chunk is in memory. The
 * delimiter is the caller's, or whichever of {@code ,} {@code ;} tab occurs most in the header line.
 */
final class CsvFileSplitter {

    private static final int HEADER_PEEK_CHARS = 256 * 1024;

    private CsvFileSplitter() {
    }

    static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    }

    static SplitFile split(Reader text, FileUploadOptions options, FileChunkSink sink, int recordsPerChunk)
            throws IOException {
        BufferedReader buffered = new BufferedReader(text, HEADER_PEEK_CHARS);
        char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(buffered);
        TeeReader tee = new TeeReader(buffered);
        ChunkCutter cutter = new ChunkCutter(sink, recordsPerChunk);
        CSVParser parser = CSVParser.builder().setReader(tee).setFormat(format(delimiter)).get();
        Iterator<CSVRecord> records = parser.iterator();
        List<String> header;
        try {
            if (!records.hasNext()) {
                throw new FileUploadRejected("file", "the file is empty: a CSV needs a header row");
            }
            header = records.next().toList();
            CsvHeaderMapping.Mapped mapped = CsvHeaderMapping.map(header, options.mapping());
            long pendingStart = -1;
            long pendingLine = 0;
            long endedAtLine = parser.getCurrentLineNumber();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long start = record.getCharacterPosition();
                if (pendingStart >= 0) {
                    cutter.add(tee.take(pendingStart, start), pendingLine);
                }
                pendingStart = start;
                pendingLine = endedAtLine + 1;
                endedAtLine = parser.getCurrentLineNumber();
            }
            if (pendingStart >= 0) {
                cutter.add(tee.takeRest(pendingStart), pendingLine);
            }
            cutter.finish();
            FileSettings settings = new FileSettings(String.valueOf(delimiter), header.size(), mapped.fields(),
                    options.tags(), options.defaultRegion(), mapped.groups());
            return new SplitFile(settings, cutter.records(), cutter.chunks());
        } catch (UncheckedIOException malformed) {
            if (malformed.getCause() != null && malformed.getCause().getCause() instanceof FileUploadRejected r) {
                throw r;
            }
            throw new FileUploadRejected("file", "not a well-formed CSV (after line " + parser.getCurrentLineNumber()
                    + "): " + malformed.getCause().getMessage());
        } catch (IllegalStateException malformed) {
            throw new FileUploadRejected("file", "not a well-formed CSV (after line " + parser.getCurrentLineNumber()
                    + ")");
        }
    }

    /** The most frequent of {@code ,} {@code ;} tab in the first line, outside quotes; {@code ,} when none. */
    static char detectDelimiter(BufferedReader in) throws IOException {
        in.mark(HEADER_PEEK_CHARS);
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0, c; i < HEADER_PEEK_CHARS - 1 && (c = in.read()) >= 0; i++) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                comma += c == ',' ? 1 : 0;
                semicolon += c == ';' ? 1 : 0;
                tab += c == '\t' ? 1 : 0;
            }
        }
        in.reset();
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        return tab > comma ? '\t' : ',';
    }

    /** Keeps what the parser read, so that each record's original text can be cut out by character position. */
    static final class TeeReader extends Reader {

        private final Reader in;
        private final StringBuilder kept = new StringBuilder();
        private long keptStart;

        TeeReader(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n > 0) {
                kept.append(buffer, off, n);
            }
            return n;
        }

        /** The text in [from, to), forgetting everything before {@code to}. */
        String take(long from, long to) {
            String text = kept.substring((int) (from - keptStart), (int) (to - keptStart));
            kept.delete(0, (int) (to - keptStart));
            keptStart = to;
            return text;
        }

        /** Everything read from {@code from} on. */
        String takeRest(long from) {
            String text = kept.substring((int) (from - keptStart));
            keptStart += kept.length();
            kept.setLength(0);
            return text;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
