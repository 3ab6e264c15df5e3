package dev.kinflow.imports;

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
 */
public record FileSettings(String delimiter, int columns, List<String> columnFields, List<String> tags,
                           String defaultRegion) {

    public FileSettings {
        columnFields = columnFields == null ? List.of() : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(columnFields));
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
