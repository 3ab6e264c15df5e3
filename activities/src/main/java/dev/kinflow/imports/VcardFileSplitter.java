package dev.kinflow.imports;

import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Cuts an uploaded {@code .vcf} into chunks of whole cards, streaming line by line: a card starts at a line
 * {@code BEGIN:VCARD} (folded continuation lines start with white space, so such a line is always a real card
 * boundary). The file is refused when it has anything but blank lines before its first card, no card at all, or a
 * first card ez-vcard cannot read.
 */
final class VcardFileSplitter {

    private VcardFileSplitter() {
    }

    static SplitFile split(Reader text, FileUploadOptions options, FileChunkSink sink, int recordsPerChunk)
            throws IOException {
        BufferedReader lines = new BufferedReader(text, 64 * 1024);
        ChunkCutter cutter = new ChunkCutter(sink, recordsPerChunk);
        StringBuilder card = null;
        long cardLine = 0;
        long lineNo = 0;
        boolean firstChecked = false;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNo++;
            if (isBegin(line)) {
                if (card != null) {
                    if (!firstChecked) {
                        checkReadable(card);
                        firstChecked = true;
                    }
                    cutter.add(card, cardLine);
                }
                card = new StringBuilder(512);
                cardLine = lineNo;
            } else if (card == null) {
                if (!line.isBlank()) {
                    throw notAVcard("line " + lineNo + " comes before any BEGIN:VCARD");
                }
                continue;
            }
            card.append(line).append("\r\n");
        }
        if (card == null) {
            throw notAVcard("it has no BEGIN:VCARD");
        }
        if (!firstChecked) {
            checkReadable(card);
        }
        cutter.add(card, cardLine);
        cutter.finish();
        return new SplitFile(new FileSettings(null, 0, null, options.tags(), options.defaultRegion(), null),
                cutter.records(), cutter.chunks());
    }

    private static boolean isBegin(String line) {
        return line.length() >= 11 && line.regionMatches(true, 0, "BEGIN:VCARD", 0, 11)
                && line.substring(11).isBlank();
    }

    private static void checkReadable(CharSequence card) throws IOException {
        try (VCardReader reader = reader(card.toString())) {
            VCard parsed = reader.readNext();
            if (parsed == null || parsed.getVersion() == null) {
                throw notAVcard("its first card cannot be read");
            }
        }
    }

    static VCardReader reader(String text) {
        VCardReader reader = new VCardReader(text);
        reader.setDefaultQuotedPrintableCharset(StandardCharsets.UTF_8);
        reader.setCaretDecodingEnabled(true);
        return reader;
    }

    private static FileUploadRejected notAVcard(String why) {
        return new FileUploadRejected("file", "not a vCard file: " + why.toLowerCase(Locale.ROOT));
    }
}
