package dev.kinflow.imports;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an import is, carried from one run to the next by continue-as-new: the phase, its cursors, the counters kept
 * by the workflow and the request window (completion times of the latest Monica requests), so pacing holds across
 * runs. Ids and counts only.
 */
public class ImportState {

    public ImportPhase phase = ImportPhase.LISTING;
    public int nextPage = 1;
    public int lastPage;
    public long listedTotal;
    public int failedPages;

    /** The coverage backfill's state, its fields unwrapped into this object's JSON (as before it had a class). */
    @JsonUnwrapped
    public CoverageState coverage = new CoverageState();

    public long refsCursor;
    /** Cursor and counts of the per-contact extra data path of imports before {@code ExtraDataImport.LISTINGS}. */
    public long extraCursor;
    public long extraContacts;
    public long extraErrors;
    /** The extra-data phase through account-wide listings (a fresh one in states written before it existed). */
    public ExtraDataState extra = new ExtraDataState();
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
