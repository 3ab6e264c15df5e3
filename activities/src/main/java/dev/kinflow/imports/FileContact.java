package dev.kinflow.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file record (a CSV row or a vCard) mapped to what Kinflow stores, typed: emails canonical, phones through the
 * one phone rule, addresses keyed. The fast path ({@link FreshRecordWriter}) writes it as it is; the page writer gets
 * it as an {@link ImportedContact} ({@link #toImported()}), with the same content hash, so that a chunk written by
 * one path is recognised as unchanged by the other.
 *
 * @param recordNo  the record's number in the file, from 1 (its {@code import_records.source_id})
 * @param firstName never null ("?" or whatever else names the record when the file has no first name)
 * @param fields    emails, then phones, in file order
 * @param notes     note bodies
 * @param tags      the record's tags and the import's, distinct ignoring case, in order
 */
record FileContact(long recordNo, String firstName, String lastName, String nickname, String company,
                   String jobTitle, LocalDate birthdate, List<Field> fields, List<Address> addresses,
                   List<String> notes, List<String> tags) {

    enum FieldKind {
        EMAIL("email"), PHONE("phone");

        final String column;

        FieldKind(String column) {
            this.column = column;
        }
    }

    /** An email or phone: {@code value} canonical, {@code raw} as the file has it, {@code label} when it names one. */
    record Field(FieldKind kind, String value, String raw, String label) {
    }

    /** An address with its normalised key ({@link dev.kinflow.common.AddressKeys}). */
    record Address(String line1, String city, String region, String postalCode, String country, String key) {
    }

    /** The source id of the record's n-th field, address or note, as the page writer keys them. */
    String childId(String kind, int n) {
        return recordNo + ":" + kind + ":" + n;
    }

    /** A hash of everything written for the record, so that the same record written again is recognised. */
    String contentHash() {
        StringBuilder canonical = new StringBuilder(256).append("file|")
                .append(firstName).append('|').append(lastName).append('|').append(nickname).append('|')
                .append(company).append('|').append(jobTitle).append('|').append(birthdate);
        for (Field f : fields) {
            canonical.append("|f:").append(f.kind().column).append(':').append(f.value()).append(':')
                    .append(f.raw()).append(':').append(f.label());
        }
        for (Address a : addresses) {
            canonical.append("|a:").append(a.line1()).append(':').append(a.city()).append(':').append(a.region())
                    .append(':').append(a.postalCode()).append(':').append(a.country());
        }
        for (String tag : tags) {
            canonical.append("|t:").append(tag);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page writer's shape of this record (only for chunks that are not all new: a retry or a re-import). */
    ImportedContact toImported() {
        Map<String, Object> scalars = new LinkedHashMap<>();
        scalars.put("firstName", firstName);
        scalars.put("lastName", lastName);
        scalars.put("nickname", nickname);
        scalars.put("company", company);
        scalars.put("jobTitle", jobTitle);
        scalars.put("birthdate", birthdate == null ? null : birthdate.toString());
        scalars.put("partial", false);
        List<Map<String, Object>> fieldRows = new ArrayList<>();
        for (Field f : fields) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sourceId", childId(f.kind().column, fieldRows.size()));
            row.put("kind", f.kind().column);
            row.put("value", f.value());
            row.put("raw", f.raw());
            row.put("label", f.label());
            fieldRows.add(row);
        }
        List<Map<String, Object>> addressRows = new ArrayList<>();
        for (Address a : addresses) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sourceId", childId("address", addressRows.size()));
            row.put("line1", a.line1());
            row.put("city", a.city());
            row.put("region", a.region());
            row.put("postalCode", a.postalCode());
            row.put("country", a.country());
            row.put("key", a.key());
            addressRows.add(row);
        }
        List<Map<String, Object>> noteRows = new ArrayList<>();
        for (int n = 0; n < notes.size(); n++) {
            noteRows.add(noteRow(n));
        }
        return new ImportedContact(recordNo, false, true, scalars, fieldRows, addressRows, tags, noteRows, Map.of(),
                List.of(), contentHash());
    }

    /**
     * The record's n-th note as {@link ExtraItemWriter} writes notes: its source id is numeric, as the page writer
     * records listed notes by (Monica) note id: record number * 100 + position.
     */
    Map<String, Object> noteRow(int n) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("sourceId", String.valueOf(recordNo * 100 + n));
        note.put("body", notes.get(n));
        note.put("hash", ImportedContact.sha256(note.toString()));
        return note;
    }
}
