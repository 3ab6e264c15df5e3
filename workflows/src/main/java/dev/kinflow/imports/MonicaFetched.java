package dev.kinflow.imports;

/**
 * What one Monica request brought and wrote. Counts only; never names or field values.
 *
 * @param call       how the request went
 * @param lastPage   {@code meta.last_page} of a paginated response, else 0
 * @param total      {@code meta.total} of a paginated response, else 0
 * @param items      items in the response
 * @param written    rows this call created or changed (0 when everything was already right)
 * @param contactKind for a single contact: {@code full}, {@code partial}, {@code inactive} (archived or another
 *                   address book) or {@code deleted}; else null
 */
public record MonicaFetched(MonicaCall call, int lastPage, long total, int items, int written, String contactKind) {

    public static MonicaFetched failed(MonicaCall call) {
        return new MonicaFetched(call, 0, 0, 0, 0, null);
    }
}
