package dev.kinflow.imports;

/**
 * Per-outcome counts of an import, counted from the database (exactly once per Monica id, whatever the retries).
 *
 * @param created            contacts created
 * @param updated            contacts changed
 * @param unchanged          contacts already right (nothing written)
 * @param skipped            contacts not written (deleted in Kinflow by the user)
 * @param partial            partial contacts imported
 * @param relationships      relationships created by phase 2
 * @param photosSynced       photos stored
 * @param photosFailed       photos without data
 * @param photosNotFound     photos whose contact is not in Kinflow
 * @param extraItems         notes, activities, reminders and tasks written
 */
public record ImportTotals(long created, long updated, long unchanged, long skipped, long partial, long relationships,
                           long photosSynced, long photosFailed, long photosNotFound, long extraItems) {
}
