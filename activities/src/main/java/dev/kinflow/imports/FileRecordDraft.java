package dev.kinflow.imports;

import dev.kinflow.common.AddressKeys;
import dev.kinflow.common.Emails;
import dev.kinflow.common.PhoneNumbers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one file record (a CSV row or a vCard) says about a contact, collected field by field and then turned into the
 * {@link FileContact} the writers take: emails canonical ({@link Emails}), phones through the one phone rule
 * ({@link PhoneNumbers}), addresses keyed ({@link AddressKeys}), every child keyed by record number and position.
 */
final class FileRecordDraft {

    private static final Pattern TAG_SEPARATORS = Pattern.compile(" ::: |,");

    /** An address of the record (any part may be null). */
    record Address(String line1, String city, String region, String postalCode, String country) {
        boolean isEmpty() {
            return line1 == null && city == null && region == null && postalCode == null && country == null;
        }
    }

    /** An email or phone as the file has it, with its label (lower case) or null. */
    record Labelled(String value, String label) {
    }

    String firstName;
    String lastName;
    String nickname;
    String company;
    String jobTitle;
    LocalDate birthdate;
    final List<Labelled> emails = new ArrayList<>();
    final List<Labelled> phones = new ArrayList<>();
    final List<Address> addresses = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Set<String> tags = new LinkedHashSet<>();

    boolean isEmpty() {
        return firstName == null && lastName == null && nickname == null && company == null && emails.isEmpty()
                && phones.isEmpty();
    }

    /** Adds an email unless the record has it already (then its first label stays). */
    void addEmail(String value, String label) {
        addDistinct(emails, value, label);
    }

    /** Adds a phone unless the record has it already (then its first label stays). */
    void addPhone(String value, String label) {
        addDistinct(phones, value, label);
    }

    private static void addDistinct(List<Labelled> values, String value, String label) {
        if (value != null && values.stream().noneMatch(v -> v.value().equals(value))) {
            values.add(new Labelled(value, label));
        }
    }

    /** Labels are cut to this many characters, the REST API's limit for a label. */
    static final int MAX_LABEL = 50;

    /**
     * A label as stored: trimmed, Google's primary mark {@code "* "} dropped, lower case ({@code "* Home"} →
     * {@code "home"}), at most {@value #MAX_LABEL} characters; null when blank.
     */
    static String label(String raw) {
        String label = clean(raw);
        if (label != null && label.startsWith("*")) {
            label = clean(label.substring(1));
        }
        if (label == null) {
            return null;
        }
        label = label.toLowerCase(Locale.ROOT);
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL).strip();
    }

    /** Adds each tag of a cell: split on Google's {@code " ::: "} and on {@code ,}; Google's "* myContacts" dropped. */
    void addTags(String cell) {
        if (cell == null) {
            return;
        }
        for (String part : TAG_SEPARATORS.split(cell)) {
            String tag = part.trim();
            if (tag.startsWith("* ")) {
                tag = tag.substring(2).trim();
            }
            if (!tag.isEmpty() && !tag.equals("myContacts")) {
                tags.add(tag);
            }
        }
    }

    FileContact toContact(long recordNo, FileSettings settings) {
        String region = settings.defaultRegion();
        List<FileContact.Field> fields = new ArrayList<>(emails.size() + phones.size());
        for (Labelled email : emails) {
            fields.add(new FileContact.Field(FileContact.FieldKind.EMAIL, Emails.canonical(email.value()),
                    email.value(), email.label()));
        }
        for (Labelled phone : phones) {
            fields.add(new FileContact.Field(FileContact.FieldKind.PHONE,
                    PhoneNumbers.canonical(phone.value(), region), phone.value(), phone.label()));
        }
        List<FileContact.Address> keyed = new ArrayList<>(addresses.size());
        for (Address a : addresses) {
            keyed.add(new FileContact.Address(a.line1(), a.city(), a.region(), a.postalCode(), a.country(),
                    AddressKeys.key(a.line1(), a.postalCode())));
        }
        Map<String, String> distinctTags = new LinkedHashMap<>();
        for (String tag : tags) {
            distinctTags.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        for (String tag : settings.tags()) {
            distinctTags.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        return new FileContact(recordNo, displayFirstName(), lastName, nickname, company, jobTitle, birthdate,
                fields, keyed, List.copyOf(notes), List.copyOf(distinctTags.values()));
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
            return emails.getFirst().value().trim();
        }
        return phones.isEmpty() ? "?" : phones.getFirst().value().trim();
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
