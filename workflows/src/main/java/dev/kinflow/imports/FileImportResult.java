package dev.kinflow.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a file import did; {@link #toSummary} is the job's {@code summary}.
 *
 * @param records       records read, imported and skipped, with the first skipped ones (line/card number, reason)
 * @param contacts      contact outcomes counted from the database
 * @param photos        photos stored
 * @param autoMerged    the auto-merge step (null when the option is off)
 * @param duplicateScan the workflow id of the duplicate scan started or joined at the end
 */
public record FileImportResult(Records records, Contacts contacts, long photos, ImportResult.Merged autoMerged,
                               String duplicateScan) {

    public record Records(long read, long imported, long skipped, List<RecordError> errors) {
    }

    public record Contacts(long created, long updated, long unchanged) {
    }

    public Map<String, Object> toSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("records", Map.of("read", records.read(), "imported", records.imported(),
                "skipped", records.skipped(), "errors", records.errors().stream()
                        .map(e -> Map.of("record", e.record(), "line", e.line(), "reason", e.reason())).toList()));
        summary.put("contacts", Map.of("created", contacts.created(), "updated", contacts.updated(),
                "unchanged", contacts.unchanged()));
        summary.put("photos", photos);
        summary.put("autoMerged", autoMerged == null ? null
                : Map.of("groups", autoMerged.groups(), "merged", autoMerged.merged()));
        summary.put("duplicateScan", duplicateScan);
        return summary;
    }
}
