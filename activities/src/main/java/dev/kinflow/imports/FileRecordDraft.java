package dev.kinflow.imports;

import dev.kinflow.common.AddressKeys;
import dev.kinflow.common.Emails;
import dev.kinflow.common.PhoneNumbers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one file record (a CSV row or a vCard) says about a contact, collected field by field and then turned into the
 * {@link ImportedContact} the page writer takes: emails canonical ({@link Emails}), phones through the one phone rule
 * ({@link PhoneNumbers}), addresses keyed ({@link AddressKeys}), every child keyed by record number and position.
 */
final class FileRecordDraft {

    /** An address of the record (any part may be null). */
    record Address(String line1, String city, String region, String postalCode, String country) {
        boolean isEmpty() {
            return line1 == null && city == null && region == null && postalCode == null && country == null;
        }
    }

    String firstName;
    String lastName;
    String nickname;
    String company;
    String jobTitle;
    LocalDate birthdate;
    final List<String> emails = new ArrayList<>();
    final List<String> phones = new ArrayList<>();
    final List<Address> addresses = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Set<String> tags = new LinkedHashSet<>();

    boolean isEmpty() {
        return firstName == null && lastName == null && nickname == null && company == null && emails.isEmpty()
                && phones.isEmpty();
    }

    /** Adds each tag of a cell: split on Google's {@code " ::: "} and on {@code ,}; Google's "* myContacts" dropped. */
    void addTags(String cell) {
        if (cell == null) {
            return;
        }
        for (String part : cell.split(" ::: |,")) {
            String tag = part.trim();
            if (tag.startsWith("* ")) {
                tag = tag.substring(2).trim();
            }
            if (!tag.isEmpty() && !tag.equals("myContacts")) {
                tags.add(tag);
            }
        }
    }

    ImportedContact toImported(long recordNo, FileSettings settings) {
        String region = settings.defaultRegion();
        Map<String, Object> scalars = new LinkedHashMap<>();
        scalars.put("firstName", displayFirstName());
        scalars.put("lastName", lastName);
        scalars.put("nickname", nickname);
        scalars.put("company", company);
        scalars.put("jobTitle", jobTitle);
        scalars.put("birthdate", birthdate == null ? null : birthdate.toString());
        scalars.put("partial", false);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String email : emails) {
            fields.add(field(recordNo + ":email:" + fields.size(), "email", Emails.canonical(email), email));
        }
        for (String phone : phones) {
            fields.add(field(recordNo + ":phone:" + fields.size(), "phone", PhoneNumbers.canonical(phone, region),
                    phone));
        }
        List<Map<String, Object>> addressRows = new ArrayList<>();
        for (Address a : addresses) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sourceId", recordNo + ":address:" + addressRows.size());
            row.put("line1", a.line1());
            row.put("city", a.city());
            row.put("region", a.region());
            row.put("postalCode", a.postalCode());
            row.put("country", a.country());
            row.put("key", AddressKeys.key(a.line1(), a.postalCode()));
            addressRows.add(row);
        }
        List<Map<String, Object>> noteRows = new ArrayList<>();
        for (String body : notes) {
            Map<String, Object> note = new LinkedHashMap<>();
            // numeric, as the page writer records listed notes by (Monica) note id: record number * 100 + position
            note.put("sourceId", String.valueOf(recordNo * 100 + noteRows.size()));
            note.put("body", body);
            note.put("hash", ImportedContact.sha256(note.toString()));
            noteRows.add(note);
        }
        Set<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(settings.tags());
        return new ImportedContact(recordNo, false, true, scalars, fields, addressRows, new ArrayList<>(allTags),
                noteRows, Map.of(), List.of());
    }

    /** The first name; without one, "?" beside a last name (as Monica imports do), else what names the record. */
    private String displayFirstName() {
        if (firstName != null) {
            return firstName;
        }
        if (lastName != null) {
            return "?";
        }
        for (String name : new String[] {nickname, company}) {
            if (name != null) {
                return name;
            }
        }
        if (!emails.isEmpty()) {
            return emails.getFirst().trim();
        }
        return phones.isEmpty() ? "?" : phones.getFirst().trim();
    }

    private static Map<String, Object> field(String sourceId, String kind, String value, String raw) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("sourceId", sourceId);
        field.put("kind", kind);
        field.put("value", value);
        field.put("raw", raw);
        field.put("label", null);
        return field;
    }

    /** A trimmed value, or null when blank. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
