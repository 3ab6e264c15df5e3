package dev.kinflow.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which CSV column goes to which contact field: the caller's {@code mapping} (header → field; a header that names no
 * column is refused), or else the well-known headers of Google Contacts exports (both the current and the older
 * "Given Name" layout), Outlook exports and plain {@code First Name}/{@code Last Name}/{@code Email}/{@code Phone}.
 * Only the first address of an export is imported.
 */
final class CsvHeaderMapping {

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
            Map.entry("mobile", ContactField.PHONE),
            Map.entry("notes", ContactField.NOTE),
            Map.entry("note", ContactField.NOTE),
            Map.entry("labels", ContactField.TAGS),
            Map.entry("group membership", ContactField.TAGS),
            Map.entry("categories", ContactField.TAGS),
            Map.entry("tags", ContactField.TAGS),
            Map.entry("address 1 - street", ContactField.ADDRESS_LINE1),
            Map.entry("address 1 - city", ContactField.ADDRESS_CITY),
            Map.entry("address 1 - postal code", ContactField.ADDRESS_POSTAL_CODE),
            Map.entry("address 1 - region", ContactField.ADDRESS_REGION),
            Map.entry("address 1 - country", ContactField.ADDRESS_COUNTRY),
            Map.entry("home street", ContactField.ADDRESS_LINE1),
            Map.entry("home city", ContactField.ADDRESS_CITY),
            Map.entry("home postal code", ContactField.ADDRESS_POSTAL_CODE),
            Map.entry("home state", ContactField.ADDRESS_REGION),
            Map.entry("home country/region", ContactField.ADDRESS_COUNTRY));

    /** Google's "E-mail 2 - Value", Outlook's "E-mail 2 Address". */
    private static final Pattern EMAIL = Pattern.compile("e-?mail( \\d+)?( - value| address)");
    /** Google's "Phone 1 - Value", Outlook's "Mobile Phone", "Business Phone 2", "Primary Phone", ... */
    private static final Pattern PHONE = Pattern.compile("phone \\d+ - value|[a-z ]*phone( \\d+)?");

    private CsvHeaderMapping() {
    }

    /** Per column, the {@link ContactField#value()} it maps to or null; refuses a mapping it cannot apply. */
    static List<String> map(List<String> header, Map<String, ContactField> mapping) {
        List<String> fields = new ArrayList<>();
        if (mapping != null && !mapping.isEmpty()) {
            Set<String> missing = new LinkedHashSet<>(mapping.keySet());
            for (String column : header) {
                ContactField field = mapping.get(column.trim());
                missing.remove(column.trim());
                fields.add(field == null ? null : field.value());
            }
            if (!missing.isEmpty()) {
                String first = missing.iterator().next();
                throw new FileUploadRejected("options.mapping." + first, "the file has no column \"" + first
                        + "\" (its columns: " + String.join(", ", header.stream().limit(30).toList()) + ")");
            }
            return fields;
        }
        for (String column : header) {
            ContactField field = known(column);
            fields.add(field == null ? null : field.value());
        }
        if (fields.stream().allMatch(f -> f == null)) {
            throw new FileUploadRejected("options.mapping", "no column header is a known one (Google Contacts, "
                    + "Outlook, First Name/Last Name/Email/Phone): give options.mapping, header to field");
        }
        return fields;
    }

    static ContactField known(String column) {
        String name = column.trim().toLowerCase(Locale.ROOT);
        ContactField field = KNOWN.get(name);
        if (field != null) {
            return field;
        }
        if (EMAIL.matcher(name).matches()) {
            return ContactField.EMAIL;
        }
        if (PHONE.matcher(name).matches() && !name.contains("fax") && !name.contains("pager")) {
            return ContactField.PHONE;
        }
        return null;
    }
}
