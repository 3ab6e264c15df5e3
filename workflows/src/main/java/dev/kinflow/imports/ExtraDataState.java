package dev.kinflow.imports;

/**
 * Where the extra-data phase ({@code ExtraDataImport}) is: which account-wide listing and page, then the cursor of the
 * per-contact fallback over contacts whose statistics say more than the listings brought. Ids and counts only.
 */
public class ExtraDataState {

    /** Index into {@link MonicaTarget#EXTRA_DATA} of the listing being read; 4: the listings are done. */
    public int listing;
    public int nextPage = 1;
    /** {@code meta.last_page} of the listing being read; 0 until its first page arrived. */
    public int lastPage;
    public long listedPages;
    public long failedPages;
    /** The fallback's cursor: Monica contact ids up to this one were checked. */
    public long fallbackCursor;
    /** Per-contact sub-list reads (one contact and kind, every page) the fallback made. */
    public long perContactFallbacks;
    public long fallbackErrors;
    /** The check after the fallback has run ({@link ExtraDataCheck}); its counts follow. */
    public boolean checked;
    public long listed;
    public long skippedItems;
    public long missing;
}
