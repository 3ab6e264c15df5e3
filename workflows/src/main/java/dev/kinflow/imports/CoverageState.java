package dev.kinflow.imports;

/**
 * Where the coverage backfill ({@code CoverageBackfill}) is: the gap it is closing, the segment and cursor of its id
 * scan, and what it found. Carried across continue-as-new inside {@link ImportState} (its fields are unwrapped there,
 * so the JSON is the same as before this class existed). Ids and counts only.
 */
public class CoverageState {

    public boolean gapDetected;
    public long gap;
    /** 0: unseen ids inside the seen range; 1: above it; 2: below it; 3: done. */
    public int scanSegment;
    public long minId;
    public long maxId;
    public long margin;
    public long scanCursor;
    public int consecutiveMisses;
    public long scanUpTo;
    public long rangeScanned;
    public long importedFull;
    public long importedPartial;
    public long skippedDeleted;
    public long skippedInactive;
    public long coverageErrors;
    /** The newest listing page was read, so nothing listed lies above the range (no end-of-ids probe). */
    public boolean newestPageRead;

    /** Missing contacts the scan did not find. */
    public long unresolvedGap() {
        return Math.max(0, gap - importedFull);
    }
}
