package dev.kinflow.imports;

import dev.kinflow.imports.ImportFileRepository.StoredChunk;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
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
        FileSettings.ColumnGroup[] groups = new FileSettings.ColumnGroup[fields.length];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = settings.group(i);
        }
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
                String problem = fill(draft, fields, groups, row);
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

    /**
     * Fills the draft from the row; returns why the row is bad, or null. Emails and phones take the label their
     * header names, else the cell of the label column of their group: one label for all the cell's values, or
     * Google's {@code "Home ::: Work"} paired with the values by position. The {@code address.*} columns of one group
     * form one address.
     */
    private static String fill(FileRecordDraft draft, ContactField[] fields, FileSettings.ColumnGroup[] groups,
                               CSVRecord row) {
        Map<Integer, String> emailLabels = new HashMap<>(4);
        Map<Integer, String> phoneLabels = new HashMap<>(4);
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == ContactField.EMAIL_LABEL || fields[i] == ContactField.PHONE_LABEL) {
                String cell = FileRecordDraft.clean(row.get(i));
                if (cell != null) {
                    (fields[i] == ContactField.EMAIL_LABEL ? emailLabels : phoneLabels)
                            .putIfAbsent(groups[i].number(), cell);
                }
            }
        }
        Map<Integer, FileRecordDraft.Address> addresses = new TreeMap<>();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                continue;
            }
            String value = FileRecordDraft.clean(row.get(i));
            if (value == null) {
                continue;
            }
            FileSettings.ColumnGroup group = groups[i];
            ContactField field = fields[i];
            switch (field) {
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
                case EMAIL -> addLabelled(value, group, emailLabels, draft::addEmail);
                case PHONE -> addLabelled(value, group, phoneLabels, draft::addPhone);
                case EMAIL_LABEL, PHONE_LABEL -> {
                    // read above, with their group
                }
                case ADDRESS_LINE1, ADDRESS_CITY, ADDRESS_REGION, ADDRESS_POSTAL_CODE, ADDRESS_COUNTRY ->
                        addresses.compute(group.number(), (n, a) -> with(a, field, value));
                case NOTE -> draft.notes.add(value);
                case TAGS -> draft.addTags(value);
            }
        }
        for (FileRecordDraft.Address address : addresses.values()) {
            draft.addresses.add(address);
        }
        return null;
    }

    private static FileRecordDraft.Address with(FileRecordDraft.Address a, ContactField part, String value) {
        if (a == null) {
            a = new FileRecordDraft.Address(null, null, null, null, null);
        }
        return switch (part) {
            case ADDRESS_LINE1 -> new FileRecordDraft.Address(value, a.city(), a.region(), a.postalCode(),
                    a.country());
            case ADDRESS_CITY -> new FileRecordDraft.Address(a.line1(), value, a.region(), a.postalCode(),
                    a.country());
            case ADDRESS_REGION -> new FileRecordDraft.Address(a.line1(), a.city(), value, a.postalCode(),
                    a.country());
            case ADDRESS_POSTAL_CODE -> new FileRecordDraft.Address(a.line1(), a.city(), a.region(), value,
                    a.country());
            case ADDRESS_COUNTRY -> new FileRecordDraft.Address(a.line1(), a.city(), a.region(), a.postalCode(),
                    value);
            default -> throw new IllegalArgumentException(part.value());
        };
    }

    /** Adds each value of the cell with its label: the header's, else the group's label cell's (see {@link #fill}). */
    private static void addLabelled(String cell, FileSettings.ColumnGroup group, Map<Integer, String> labelCells,
                                    BiConsumer<String, String> add) {
        String[] values = split(cell);
        String labelCell = labelCells.get(group.number());
        String[] labels = group.label() != null ? new String[] {group.label()}
                : labelCell == null ? new String[0] : split(labelCell);
        for (int n = 0; n < values.length; n++) {
            String label = labels.length == 1 ? labels[0] : n < labels.length ? labels[n] : null;
            add.accept(FileRecordDraft.clean(values[n]), FileRecordDraft.label(label));
        }
    }

    /** Google puts several values of one kind in a cell, separated by {@code " ::: "}. */
    private static String[] split(String cell) {
        return cell.contains(" ::: ") ? GOOGLE_VALUES.split(cell) : new String[] {cell};
    }
}
