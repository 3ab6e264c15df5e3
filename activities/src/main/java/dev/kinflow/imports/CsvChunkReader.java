package dev.kinflow.imports;

import dev.kinflow.imports.ImportFileRepository.StoredChunk;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses one stored CSV chunk with Apache Commons CSV and maps each row by the file's column fields. A row with
 * another number of columns than the header, an unparseable birthdate or nothing to name a contact by is skipped
 * and reported with its line.
 */
final class CsvChunkReader {

    private static final Pattern GOOGLE_VALUES = Pattern.compile(" ::: ", Pattern.LITERAL);

    private CsvChunkReader() {
    }

    static ParsedChunk read(FileSettings settings, StoredChunk chunk) {
        List<FileContact> contacts = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        ContactField[] fields = settings.columnFields().stream()
                .map(f -> f == null ? null : ContactField.of(f).orElseThrow()).toArray(ContactField[]::new);
        int count = 0;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(chunk.body()))
                .setFormat(CsvFileSplitter.format(settings.delimiter().charAt(0))).get()) {
            long linesBefore = 0;
            for (CSVRecord row : parser) {
                long recordNo = chunk.firstRecord() + count + 1;
                long line = chunk.firstLine() + linesBefore;
                count++;
                linesBefore = parser.getCurrentLineNumber();
                if (row.size() != settings.columns()) {
                    errors.add(new RecordError(recordNo, line, "expected " + settings.columns() + " columns, found "
                            + row.size()));
                    continue;
                }
                FileRecordDraft draft = new FileRecordDraft();
                String problem = fill(draft, fields, row);
                if (problem == null && draft.isEmpty()) {
                    problem = "no name, company, email or phone";
                }
                if (problem != null) {
                    errors.add(new RecordError(recordNo, line, problem));
                } else {
                    contacts.add(draft.toContact(recordNo, settings));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ParsedChunk(count, contacts, errors, List.of());
    }

    /** Fills the draft from the row; returns why the row is bad, or null. */
    private static String fill(FileRecordDraft draft, ContactField[] fields, CSVRecord row) {
        FileRecordDraft.Address address = new FileRecordDraft.Address(null, null, null, null, null);
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                continue;
            }
            String value = FileRecordDraft.clean(row.get(i));
            if (value == null) {
                continue;
            }
            switch (fields[i]) {
                case FIRST_NAME -> draft.firstName = value;
                case LAST_NAME -> draft.lastName = value;
                case NICKNAME -> draft.nickname = value;
                case COMPANY -> draft.company = value;
                case JOB_TITLE -> draft.jobTitle = value;
                case BIRTHDATE -> {
                    try {
                        draft.birthdate = FileBirthdates.parse(value);
                    } catch (FileBirthdates.Unparseable e) {
                        return "birthdate: unparseable date";
                    }
                }
                case EMAIL -> splitInto(value, draft.emails);
                case PHONE -> splitInto(value, draft.phones);
                case ADDRESS_LINE1 -> address = new FileRecordDraft.Address(value, address.city(), address.region(),
                        address.postalCode(), address.country());
                case ADDRESS_CITY -> address = new FileRecordDraft.Address(address.line1(), value, address.region(),
                        address.postalCode(), address.country());
                case ADDRESS_REGION -> address = new FileRecordDraft.Address(address.line1(), address.city(), value,
                        address.postalCode(), address.country());
                case ADDRESS_POSTAL_CODE -> address = new FileRecordDraft.Address(address.line1(), address.city(),
                        address.region(), value, address.country());
                case ADDRESS_COUNTRY -> address = new FileRecordDraft.Address(address.line1(), address.city(),
                        address.region(), address.postalCode(), value);
                case NOTE -> draft.notes.add(value);
                case TAGS -> draft.addTags(value);
            }
        }
        if (!address.isEmpty()) {
            draft.addresses.add(address);
        }
        return null;
    }

    /** Google puts several values of one kind in a cell, separated by {@code " ::: "}. */
    private static void splitInto(String cell, List<String> values) {
        for (String part : cell.contains(" ::: ") ? GOOGLE_VALUES.split(cell) : new String[] {cell}) {
            String value = FileRecordDraft.clean(part);
            if (value != null && !values.contains(value)) {
                values.add(value);
            }
        }
    }
}
