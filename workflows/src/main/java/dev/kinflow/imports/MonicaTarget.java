package dev.kinflow.imports;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one Monica request fetches. The JSON names are the strings earlier versions sent, so activity tasks and
 * recorded histories of either version read the same.
 */
public enum MonicaTarget {
    /** A page of {@code GET /api/contacts?with=contactfields}. */
    @JsonProperty("contacts") CONTACTS(null),
    /**
     * The newest page of the contact listing ({@code sort=-created_at}, with fields): the contacts a drifting listing
     * drops from its last page's tail, written like a listing page.
     */
    @JsonProperty("newest") NEWEST_CONTACTS(null),
    /** {@code GET /api/contacts?limit=1}, for {@code meta.total} only. */
    @JsonProperty("total") TOTAL(null),
    /** One contact by id. */
    @JsonProperty("contact") CONTACT(null),
    /** Notes: a contact's ({@code contactId > 0}) or the account-wide listing {@code GET /api/notes}. */
    @JsonProperty("notes") NOTES("note"),
    /** Activities: a contact's or the account-wide {@code GET /api/activities}. */
    @JsonProperty("activities") ACTIVITIES("activity"),
    /** Reminders: a contact's or the account-wide {@code GET /api/reminders}. */
    @JsonProperty("reminders") REMINDERS("reminder"),
    /** Tasks: a contact's or the account-wide {@code GET /api/tasks}. */
    @JsonProperty("tasks") TASKS("task"),
    /** A page of the account-wide {@code GET /api/photos}. */
    @JsonProperty("photos") PHOTOS(null);

    /** The extra-data kinds, in the order the import lists them. */
    public static final java.util.List<MonicaTarget> EXTRA_DATA = java.util.List.of(NOTES, ACTIVITIES, REMINDERS,
            TASKS);

    private final String itemType;

    MonicaTarget(String itemType) {
        this.itemType = itemType;
    }

    /** The path segment and statistics name of an extra-data kind ({@code notes}, {@code activities}, …). */
    public String pathName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The {@code import_records.source_type} of one item of an extra-data kind; null for other targets. */
    public String itemType() {
        return itemType;
    }

    public boolean extraData() {
        return itemType != null;
    }
}
