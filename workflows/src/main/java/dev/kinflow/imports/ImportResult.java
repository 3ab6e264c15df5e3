package dev.kinflow.imports;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an import did; {@link #toSummary} is the job's {@code summary} (counts only).
 *
 * @param contacts         contact outcomes
 * @param coverageBackfill the coverage backfill phase
 * @param autoMerged       the auto-merge phase (null when the option is off)
 * @param photos           the photo phase
 * @param relationships    relationships created
 * @param extraItems       notes, activities, reminders and tasks written
 * @param requests         Monica requests made, how many were rate limited or retried, and how long the import
 *                         waited for the credential's request budget
 * @param duplicateScan    the workflow id of the duplicate scan started or joined at the end
 */
public record ImportResult(Contacts contacts, Coverage coverageBackfill, Merged autoMerged, Photos photos,
                           long relationships, long extraItems, Requests requests, String duplicateScan) {

    public record Contacts(long listedTotal, long created, long updated, long unchanged, long skipped, long partial,
                           long errors) {
    }

    public record Coverage(boolean gapDetected, long rangeScanned, long importedFull, long importedPartial,
                           long skippedDeleted, long skippedInactive, long errors, long unresolvedGap) {
    }

    public record Merged(long groups, long merged) {
    }

    public record Photos(String status, long total, long synced, long failed, long notFound) {
    }

    public record Requests(long total, long rateLimited, long retried, int failedPages, long waitedSeconds) {
    }

    public Map<String, Object> toSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("contacts", Map.of("listedTotal", contacts.listedTotal(), "created", contacts.created(),
                "updated", contacts.updated(), "unchanged", contacts.unchanged(), "skipped", contacts.skipped(),
                "partial", contacts.partial(), "errors", contacts.errors()));
        summary.put("coverageBackfill", Map.of("gapDetected", coverageBackfill.gapDetected(),
                "rangeScanned", coverageBackfill.rangeScanned(), "importedFull", coverageBackfill.importedFull(),
                "importedPartial", coverageBackfill.importedPartial(),
                "skippedDeleted", coverageBackfill.skippedDeleted(),
                "skippedInactive", coverageBackfill.skippedInactive(), "errors", coverageBackfill.errors(),
                "unresolvedGap", coverageBackfill.unresolvedGap()));
        summary.put("autoMerged", autoMerged == null ? null
                : Map.of("groups", autoMerged.groups(), "merged", autoMerged.merged()));
        summary.put("photos", Map.of("status", photos.status(), "total", photos.total(), "synced", photos.synced(),
                "failed", photos.failed(), "notFound", photos.notFound()));
        summary.put("relationships", relationships);
        summary.put("extraItems", extraItems);
        summary.put("requests", Map.of("total", requests.total(), "rateLimited", requests.rateLimited(),
                "retried", requests.retried(), "failedPages", requests.failedPages(),
                "waitedSeconds", requests.waitedSeconds()));
        summary.put("duplicateScan", duplicateScan);
        return summary;
    }
}
