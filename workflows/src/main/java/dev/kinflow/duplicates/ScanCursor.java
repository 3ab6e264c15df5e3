package dev.kinflow.duplicates;

/**
 * The state a scan carries across continue-as-new: its plan, the last contact id compared and the counts so far.
 *
 * @param plan       the plan made when the scan started
 * @param afterId    contacts with a greater id remain to be compared
 * @param scanned    contacts compared so far
 * @param candidates candidate pairs written so far
 */
public record ScanCursor(ScanPlan plan, long afterId, long scanned, long candidates) {
}
