package dev.kinflow.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Opens an uploaded file as text: a byte order mark (UTF-8, UTF-16 LE/BE) decides the encoding and is dropped;
 * otherwise the caller's encoding, or UTF-8. Decoding is strict: bytes that are not valid in the encoding raise
 * {@link FileUploadRejected} while reading (the upload is refused and nothing stored) instead of becoming U+FFFD.
 */
final class TextDecoding {

    private TextDecoding() {
    }

    static Reader open(InputStream raw, Charset declared) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        Charset charset;
        int bomLength;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            charset = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (b0 == 0xFF && b1 == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            bomLength = 2;
        } else if (b0 == 0xFE && b1 == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            bomLength = 2;
        } else {
            charset = declared == null ? StandardCharsets.UTF_8 : declared;
            bomLength = 0;
        }
        in.reset();
        in.skipNBytes(bomLength);
        return new StrictReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), charset);
    }

    /** Turns a decoding error into a refusal that names the encoding option. */
    private static final class StrictReader extends Reader {

        private final Reader in;
        private final Charset charset;

        StrictReader(Reader in, Charset charset) {
            this.in = in;
            this.charset = charset;
        }

        @Override
        public int read(char[] buffer, int off, int len) throws IOException {
            try {
                return in.read(buffer, off, len);
            } catch (CharacterCodingException e) {
                throw new FileUploadRejected("options.encoding", "the file is not valid " + charset.name()
                        + " text; give its encoding (e.g. windows-1252) in options.encoding");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
