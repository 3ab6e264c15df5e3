package dev.kinflow.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How to read a stored file's chunks and what to add to every contact, stored with the file
 * ({@code import_files.settings}) so that the workflow payload carries none of it.
 *
 * @param delimiter     the CSV delimiter (null for vCard)
 * @param columns       how many columns the CSV header has (0 for vCard)
 * @param columnFields  per CSV column, the {@link ContactField} value it maps to, or null when it is not imported
 * @param tags          tags added to every imported contact
 * @param defaultRegion ISO 3166 alpha-2 region for national phone numbers, or null
 * @param columnGroups  per CSV column, which instance of a repeated field it belongs to and the label its header
 *                      names ({@link ColumnGroup}), or null when it is not imported. Empty in settings stored before
 *                      labels and several addresses were imported: every column then counts as group 0 without a
 *                      label, which reads such a file as before (all {@code address.*} columns form one address)
 */
public record FileSettings(String delimiter, int columns, List<String> columnFields, List<String> tags,
                           String defaultRegion, List<ColumnGroup> columnGroups) {

    /**
     * Which instance of a repeated field a column belongs to, and the label its header names.
     *
     * @param number the N of Google's {@code E-mail N - …}, {@code Phone N - …}, {@code Address N - …}; Outlook's
     *               address group (Home 1, Business 2, Other 3); otherwise the column's occurrence among the columns
     *               mapped to the same field, from 1. The {@code address.*} columns of one number form one address;
     *               an {@code email.label}/{@code phone.label} column labels the email/phone column of its number
     * @param label  the label the header itself names (Outlook's {@code Home Phone} → {@code home}), or null
     */
    public record ColumnGroup(int number, String label) {
    }

    public FileSettings {
        columnFields = columnFields == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(columnFields));
        tags = tags == null ? List.of() : List.copyOf(tags);
        columnGroups = columnGroups == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(columnGroups));
    }

    /** The column's group; group 0 without a label when the settings predate groups. */
    ColumnGroup group(int column) {
        ColumnGroup group = column < columnGroups.size() ? columnGroups.get(column) : null;
        return group == null ? new ColumnGroup(0, null) : group;
    }
}
