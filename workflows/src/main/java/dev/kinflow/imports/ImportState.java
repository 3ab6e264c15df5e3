package dev.kinflow.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an import is, carried from one run to the next by continue-as-new: the phase, its cursors, the counters kept
 * by the workflow and the request window (completion times of the latest Monica requests), so pacing holds across
 * runs. Ids and counts only.
 */
public class ImportState {

    public String phase = "listing";
    public int nextPage = 1;
    public int lastPage;
    public long listedTotal;
    public int failedPages;

    public boolean gapDetected;
    public long gap;
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

    public long refsCursor;
    public long extraCursor;
    public long extraContacts;
    public long extraErrors;
    public long contactErrors;

    public long autoMergeGroups = -1;
    public long autoMerged = -1;
    public String photosStatus = "skipped";

    public long requests;
    public long rateLimited;
    public long retried;
    public long waitedMillis;

    public List<Long> windowCompletions = new ArrayList<>();
    public long windowBlockedUntil;
}
