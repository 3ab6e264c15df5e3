package dev.kinflow.duplicates;

import dev.kinflow.contacts.Contact;

/**
 * What merging {@code otherId} into the survivor would do, computed by running the real merge in a transaction that
 * is rolled back (nothing is written).
 *
 * @param survivor the survivor as it would be after the merge (fields, emails, phones, addresses, tags, avatar)
 * @param otherId  the contact that would be merged into it
 * @param moves    how many records would move to the survivor
 */
public record MergePreview(Contact survivor, long otherId, Moves moves) {

    /**
     * Counts of the other contact's records that would move. {@code relationships}: re-pointed to the survivor
     * ({@code relationshipsDropped}: removed because they would become a self or duplicate relationship);
     * {@code photosSkippedAsDuplicates}: photos the survivor already has (same content hash), which stay behind.
     */
    public record Moves(int notes, int activities, int reminders, int tasks, int relationships,
                        int relationshipsDropped, int photos, long photosSkippedAsDuplicates, int conversations) {
    }
}
