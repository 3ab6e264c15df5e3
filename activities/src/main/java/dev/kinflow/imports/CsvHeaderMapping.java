package dev.kinflow.imports;

import dev.kinflow.imports.FileSettings.ColumnGroup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which CSV column goes to which contact field, and to which instance of a repeated field: the caller's
 * {@code mapping} (header → field; a header that names no column is refused), or else the well-known headers of
 * Google Contacts exports (both the current and the older "Given Name" layout), Outlook exports and plain
 * {@code First Name}/{@code Last Name}/{@code Email}/{@code Phone}.
 *
 * <p>Groups ({@link ColumnGroup}): Google numbers its groups ({@code E-mail 2 - Label} labels
 * {@code E-mail 2 - Value}; {@code Address 2 - City} belongs to the second address), Outlook names them
 * ({@code Home Street}, {@code Business City}, {@code Other State}; {@code Mobile Phone} is labelled "mobile",
 * {@code Business Phone 2} "work"). Any other column, and every column of a user mapping, is numbered by its
 * occurrence among the columns of the same field: the second {@code address.city} column belongs to the second
 * address, the second {@code phone.label} column labels the second {@code phone} column.
 */
final class CsvHeaderMapping {

    /** Per column, the field it maps to and its group (both null when the column is not imported). */
    record Mapped(List<String> fields, List<ColumnGroup> groups) {
    }

    private static final Map<String, ContactField> KNOWN = Map.ofEntries(
            Map.entry("first name", ContactField.FIRST_NAME),
            Map.entry("firstname", ContactField.FIRST_NAME),
            Map.entry("given name", ContactField.FIRST_NAME),
            Map.entry("last name", ContactField.LAST_NAME),
            Map.entry("lastname", ContactField.LAST_NAME),
            Map.entry("family name", ContactField.LAST_NAME),
            Map.entry("surname", ContactField.LAST_NAME),
            Map.entry("nickname", ContactField.NICKNAME),
            Map.entry("company", ContactField.COMPANY),
            Map.entry("organization name", ContactField.COMPANY),
            Map.entry("organization 1 - name", ContactField.COMPANY),
            Map.entry("job title", ContactField.JOB_TITLE),
            Map.entry("organization title", ContactField.JOB_TITLE),
            Map.entry("organization 1 - title", ContactField.JOB_TITLE),
            Map.entry("birthday", ContactField.BIRTHDATE),
            Map.entry("birthdate", ContactField.BIRTHDATE),
            Map.entry("email", ContactField.EMAIL),
            Map.entry("e-mail", ContactField.EMAIL),
            Map.entry("email address", ContactField.EMAIL),
            Map.entry("e-mail address", ContactField.EMAIL),
            Map.entry("phone", ContactField.PHONE),
            Map.entry("phone number", ContactField.PHONE),
            Map.entry("notes", ContactField.NOTE),
            Map.entry("note", ContactField.NOTE),
            Map.entry("labels", ContactField.TAGS),
            Map.entry("group membership", ContactField.TAGS),
            Map.entry("categories", ContactField.TAGS),
            Map.entry("tags", ContactField.TAGS));

    /** Google's numbered groups: "E-mail 2 - Value", "Phone 1 - Label" (older exports: "- Type"), "Address 2 - City". */
    private static final Pattern GOOGLE = Pattern.compile(
            "(e-?mail|phone|address) (\\d+) - (value|label|type|street|city|region|postal code|country)");
    /** Outlook's address groups: "Home Street", "Business Country/Region", "Other Postal Code". */
    private static final Pattern OUTLOOK_ADDRESS = Pattern.compile(
            "(home|business|other) (street|city|state|postal code|country/region)");
    /** Outlook's "E-mail 2 Address". */
    private static final Pattern OUTLOOK_EMAIL = Pattern.compile("e-?mail( \\d+)? address");
    /** Outlook's "Mobile Phone", "Business Phone 2", "Primary Phone", ...; its label is the words before "phone". */
    private static final Pattern OUTLOOK_PHONE = Pattern.compile("([a-z ]*?) ?phone( \\d+)?");

    /** A known header's field, group number (0: numbered by occurrence) and label. */
    private record Known(ContactField field, int number, String label) {
    }

    private CsvHeaderMapping() {
    }

    /** Per column, the field and group it maps to, or nulls; refuses a mapping it cannot apply. */
    static Mapped map(List<String> header, Map<String, ContactField> mapping) {
        List<Known> known = new ArrayList<>();
        if (mapping != null && !mapping.isEmpty()) {
            Set<String> missing = new LinkedHashSet<>(mapping.keySet());
            for (String column : header) {
                ContactField field = mapping.get(column.trim());
                missing.remove(column.trim());
                known.add(field == null ? null : new Known(field, 0, null));
            }
            if (!missing.isEmpty()) {
                String first = missing.iterator().next();
                throw new FileUploadRejected("options.mapping." + first, "the file has no column \"" + first
                        + "\" (its columns: " + String.join(", ", header.stream().limit(30).toList()) + ")");
            }
        } else {
            for (String column : header) {
                known.add(known(column));
            }
            if (known.stream().allMatch(k -> k == null)) {
                throw new FileUploadRejected("options.mapping", "no column header is a known one (Google Contacts, "
                        + "Outlook, First Name/Last Name/Email/Phone): give options.mapping, header to field");
            }
        }
        List<String> fields = new ArrayList<>(known.size());
        List<ColumnGroup> groups = new ArrayList<>(known.size());
        Map<ContactField, Integer> occurrences = new EnumMap<>(ContactField.class);
        for (Known k : known) {
            if (k == null) {
                fields.add(null);
                groups.add(null);
                continue;
            }
            int occurrence = occurrences.merge(k.field(), 1, Integer::sum);
            fields.add(k.field().value());
            groups.add(new ColumnGroup(k.number() > 0 ? k.number() : occurrence, k.label()));
        }
        return new Mapped(fields, groups);
    }

    /** The field a well-known header maps to, with its group number (0: by occurrence) and label; null if unknown. */
    private static Known known(String column) {
        String name = column.trim().toLowerCase(Locale.ROOT);
        ContactField field = KNOWN.get(name);
        if (field != null) {
            return new Known(field, 0, null);
        }
        if (name.equals("mobile")) {
            return new Known(ContactField.PHONE, 0, "mobile");
        }
        Matcher google = GOOGLE.matcher(name);
        if (google.matches()) {
            return google(google.group(1), Integer.parseInt(google.group(2)), google.group(3));
        }
        Matcher address = OUTLOOK_ADDRESS.matcher(name);
        if (address.matches()) {
            int number = switch (address.group(1)) {
                case "home" -> 1;
                case "business" -> 2;
                default -> 3;
            };
            return new Known(addressPart(address.group(2)), number, null);
        }
        if (OUTLOOK_EMAIL.matcher(name).matches()) {
            return new Known(ContactField.EMAIL, 0, null);
        }
        Matcher phone = OUTLOOK_PHONE.matcher(name);
        if (phone.matches() && !name.contains("fax") && !name.contains("pager")) {
            String label = phone.group(1).trim();
            return new Known(ContactField.PHONE, 0, label.isEmpty() ? null : label.equals("business") ? "work" : label);
        }
        return null;
    }

    private static Known google(String kind, int number, String part) {
        boolean label = part.equals("label") || part.equals("type");
        return switch (kind) {
            case "e-mail", "email" -> part.equals("value") ? new Known(ContactField.EMAIL, number, null)
                    : label ? new Known(ContactField.EMAIL_LABEL, number, null) : null;
            case "phone" -> part.equals("value") ? new Known(ContactField.PHONE, number, null)
                    : label ? new Known(ContactField.PHONE_LABEL, number, null) : null;
            default -> {
                // an address's label has nowhere to go: the addresses table has no label column
                ContactField field = label || part.equals("value") ? null : addressPart(part);
                yield field == null ? null : new Known(field, number, null);
            }
        };
    }

    private static ContactField addressPart(String part) {
        return switch (part) {
            case "street" -> ContactField.ADDRESS_LINE1;
            case "city" -> ContactField.ADDRESS_CITY;
            case "region", "state" -> ContactField.ADDRESS_REGION;
            case "postal code" -> ContactField.ADDRESS_POSTAL_CODE;
            case "country", "country/region" -> ContactField.ADDRESS_COUNTRY;
            default -> null;
        };
    }
}
