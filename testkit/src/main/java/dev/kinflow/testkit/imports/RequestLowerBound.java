package dev.kinflow.testkit.imports;

import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset.Contact;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fewest Monica requests an import of a fake Monica into one account can make: the contact listing's pages, one
 * request for the total, one per id inside the listed id range that the listing did not show (drift, archived, partial
 * and other address books' contacts, deleted ids: each must be asked once to know), the photo listing's pages and
 * the four extra-data listings' pages, 100 a page.
 *
 * @param contactPages    pages of {@code GET /api/contacts}
 * @param unseenIdsInRange ids between the smallest and largest id the listing showed that it did not show
 * @param photoPages      pages of {@code GET /api/photos} (0 without photos)
 * @param extraDataPages  pages of {@code GET /api/notes}, {@code /api/activities}, {@code /api/reminders} and
 *                        {@code /api/tasks} (0 without extra data)
 */
public record RequestLowerBound(long contactPages, long unseenIdsInRange, long photoPages, long extraDataPages) {

    private static final int PAGE = 100;

    /** The bound for the import into {@code account} (what its listing saw is read from the database). */
    public static RequestLowerBound of(FakeMonicaServer monica, JdbcClient jdbc, UUID account, boolean photos,
                                       boolean extraData) {
        long[] seen = jdbc.sql("""
                        SELECT count(*), COALESCE(min(monica_id), 0), COALESCE(max(monica_id), 0)
                        FROM import_job_contacts WHERE account_id = ? AND via = 'listing'""")
                .param(account)
                .query((rs, row) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        long unseen = seen[0] == 0 ? 0 : seen[2] - seen[1] + 1 - seen[0];
        long extra = 0;
        if (extraData) {
            long notes = 0;
            long activities = 0;
            long reminders = 0;
            long tasks = 0;
            for (Contact c : monica.data().all()) {
                notes += c.notes.size();
                activities += c.activities.size();
                reminders += c.reminders.size();
                tasks += c.tasks.size();
            }
            extra = pages(notes) + pages(activities) + pages(reminders) + pages(tasks);
        }
        return new RequestLowerBound(pages(monica.listedIds().size()), unseen,
                photos ? pages(monica.data().photos().size()) : 0, extra);
    }

    private static long pages(long items) {
        return Math.max(1, (items + PAGE - 1) / PAGE);
    }

    public long total() {
        return contactPages + 1 + unseenIdsInRange + photoPages + extraDataPages;
    }
}
