package dev.kinflow.imports;

import dev.kinflow.imports.ImportFileRepository.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores an upload in PostgreSQL, streaming: the bytes are hashed (SHA-256, the file's identity for re-imports) and
 * decoded strictly ({@link TextDecoding}) while a splitter cuts them into chunks of whole records that go straight into
 * {@code import_file_chunks}. One transaction: a refused file ({@link FileUploadRejected}) leaves nothing behind.
 */
@Component
public class FileUploadStore {

    private final ImportFileRepository files;
    private final TransactionTemplate tx;

    public FileUploadStore(ImportFileRepository files, TransactionTemplate tx) {
        this.files = files;
        this.tx = tx;
    }

    public StoredFile store(UUID account, FileFormat format, InputStream content, FileUploadOptions options) {
        return store(account, format, content, options, ChunkCutter.RECORDS_PER_CHUNK);
    }

    /** The same with another chunk size (tests that need several chunks from a small file). */
    StoredFile store(UUID account, FileFormat format, InputStream content, FileUploadOptions options,
                     int recordsPerChunk) {
        UUID fileId = UUID.randomUUID();
        return tx.execute(status -> {
            files.create(fileId, account, format);
            MessageDigest sha256 = sha256();
            CountingStream counted = new CountingStream(new DigestInputStream(content, sha256));
            FileChunkSink sink = (seq, firstRecord, firstLine, records, body) ->
                    files.addChunk(fileId, account, seq, firstRecord, firstLine, records, body);
            SplitFile split;
            try {
                var text = TextDecoding.open(counted, options.encoding());
                split = switch (format) {
                    case CSV -> CsvFileSplitter.split(text, options, sink, recordsPerChunk);
                    case VCARD -> VcardFileSplitter.split(text, options, sink, recordsPerChunk);
                };
                counted.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (split.records() == 0) {
                throw new FileUploadRejected("file", "the file has no records");
            }
            files.complete(fileId, HexFormat.of().formatHex(sha256.digest()), counted.count, split);
            return files.find(account, fileId).orElseThrow();
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingStream extends java.io.FilterInputStream {

        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
