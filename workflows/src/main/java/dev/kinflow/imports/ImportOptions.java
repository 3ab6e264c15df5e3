package dev.kinflow.imports;

/**
 * The caller's options of one import, exactly as {@code POST /api/imports} received them (after defaults).
 *
 * @param photos            import photos (phase 3)
 * @param autoMerge         merge same-name contacts sharing an email, phone or address (phase 1.5)
 * @param extraData         import notes, activities, reminders and tasks (phase 4)
 * @param defaultRegion     ISO 3166 alpha-2 region for national phone numbers; null: the account's
 * @param requestsPerMinute the most Monica requests in any 60 s window
 */
public record ImportOptions(boolean photos, boolean autoMerge, boolean extraData, String defaultRegion,
                            int requestsPerMinute) {

    public static final int DEFAULT_REQUESTS_PER_MINUTE = 55;
}
