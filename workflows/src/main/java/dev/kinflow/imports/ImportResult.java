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
 * @param extraData        how the extra data was found (null when the option is off or the import predates the
 *                         account-wide listings)
 * @param requests         Monica requests made, how many were rate limited or retried, and how long the import
 *                         waited for the credential's request budget
 * @param duplicateScan    the workflow id of the duplicate scan started or joined at the end
 */
public record ImportResult(Contacts contacts, Coverage coverageBackfill, Merged autoMerged, Photos photos,
                           long relationships, long extraItems, ExtraData extraData, Requests requests,
                           String duplicateScan) {

    /**
     * Assembles the result of an import from its state (counts the workflow kept), the database's totals (outcomes
     * counted once per Monica id) and the requests made.
     */
    public static ImportResult of(ImportState state, ImportTotals totals, Requests requests, String duplicateScan) {
        CoverageState coverage = state.coverage;
        long photosTotal = totals.photosSynced() + totals.photosFailed() + totals.photosNotFound();
        return new ImportResult(
                new Contacts(state.listedTotal, totals.created(), totals.updated(), totals.unchanged(),
                        totals.skipped(), totals.partial(), state.contactErrors + coverage.coverageErrors),
                new Coverage(coverage.gapDetected, coverage.rangeScanned, coverage.importedFull,
                        coverage.importedPartial, coverage.skippedDeleted, coverage.skippedInactive,
                        coverage.coverageErrors, coverage.unresolvedGap()),
                state.autoMerged < 0 ? null : new Merged(state.autoMergeGroups, state.autoMerged),
                new Photos(state.photosStatus, photosTotal, totals.photosSynced(), totals.photosFailed(),
                        totals.photosNotFound()),
                totals.relationships(), totals.extraItems(), ExtraDataImport.result(state), requests, duplicateScan);
    }

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

    /**
     * @param listed              items the account-wide listings brought
     * @param skipped             of those, items of contacts that are not imported
     * @param perContactFallbacks contacts' lists (one contact, one kind) read one by one because their statistics
     *                            counted more than the listings brought
     * @param missing             items the statistics still count beyond what arrived (0 when Monica is consistent)
     */
    public record ExtraData(long listed, long skipped, long perContactFallbacks, long missing) {
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
        if (extraData != null) {
            summary.put("extraData", Map.of("listed", extraData.listed(), "skipped", extraData.skipped(),
                    "perContactFallbacks", extraData.perContactFallbacks(), "missing", extraData.missing()));
        }
        summary.put("requests", Map.of("total", requests.total(), "rateLimited", requests.rateLimited(),
                "retried", requests.retried(), "failedPages", requests.failedPages(),
                "waitedSeconds", requests.waitedSeconds()));
        summary.put("duplicateScan", duplicateScan);
        return summary;
    }
}
