package dev.kinflow.contacts;

import dev.kinflow.contacts.ContactData.Activity;
import dev.kinflow.contacts.ContactData.Direction;
import dev.kinflow.contacts.ContactData.Note;
import dev.kinflow.contacts.ContactData.OtherContact;
import dev.kinflow.contacts.ContactData.Page;
import dev.kinflow.contacts.ContactData.Photo;
import dev.kinflow.contacts.ContactData.PhotoContent;
import dev.kinflow.contacts.ContactData.Relationship;
import dev.kinflow.contacts.ContactData.Reminder;
import dev.kinflow.contacts.ContactData.Task;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a live contact's notes, activities, reminders, tasks, relationships and photos, one page at a time. Every
 * query is scoped by account and by a live contact ({@code merged_into IS NULL}): a merged contact's data has moved to
 * its survivor. Read-only.
 */
@Repository
public class ContactDataRepository {

    private final JdbcClient jdbc;

    public ContactDataRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the contact is a live contact of the account (merged and other accounts' contacts are not). */
    public boolean exists(UUID account, long contactId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM contacts WHERE account_id = ? AND id = ? AND merged_into IS NULL)")
                .params(account, contactId).query(Boolean.class).single();
    }

    public Page<Note> notes(UUID account, long contactId, int limit, int offset) {
        return page("notes", account, contactId, limit, offset,
                "SELECT id, body, created_at, updated_at FROM notes",
                "created_at DESC, id DESC",
                (rs, row) -> new Note(rs.getLong("id"), rs.getString("body"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("updated_at"))));
    }

    public Page<Activity> activities(UUID account, long contactId, int limit, int offset) {
        return page("contact_activities", account, contactId, limit, offset,
                "SELECT id, summary, description, happened_at, created_at FROM contact_activities",
                "happened_at DESC NULLS LAST, id DESC",
                (rs, row) -> new Activity(rs.getLong("id"), rs.getString("summary"), rs.getString("description"),
                        rs.getObject("happened_at", LocalDate.class), instant(rs.getTimestamp("created_at"))));
    }

    public Page<Reminder> reminders(UUID account, long contactId, int limit, int offset) {
        return page("reminders", account, contactId, limit, offset,
                "SELECT id, title, description, next_expected_date, frequency_type, frequency_number, created_at "
                        + "FROM reminders",
                "next_expected_date NULLS LAST, id",
                (rs, row) -> new Reminder(rs.getLong("id"), rs.getString("title"), rs.getString("description"),
                        rs.getObject("next_expected_date", LocalDate.class), rs.getString("frequency_type"),
                        rs.getObject("frequency_number", Integer.class), instant(rs.getTimestamp("created_at"))));
    }

    public Page<Task> tasks(UUID account, long contactId, int limit, int offset) {
        return page("tasks", account, contactId, limit, offset,
                "SELECT id, title, description, completed, completed_at, created_at FROM tasks",
                "completed, created_at DESC, id DESC",
                (rs, row) -> new Task(rs.getLong("id"), rs.getString("title"), rs.getString("description"),
                        rs.getBoolean("completed"), instant(rs.getTimestamp("completed_at")),
                        instant(rs.getTimestamp("created_at"))));
    }

    /** Relationships where the contact is either end, each with the other end's id and name. */
    public Page<Relationship> relationships(UUID account, long contactId, int limit, int offset) {
        List<Relationship> items = jdbc.sql("""
                        SELECT r.id, r.type, r.created_at, r.contact_id = :c AS outgoing, o.id AS other_id,
                               trim(concat_ws(' ', o.first_name, o.last_name)) AS other_name
                        FROM relationships r
                        JOIN contacts o ON o.id = CASE WHEN r.contact_id = :c THEN r.related_contact_id
                                                       ELSE r.contact_id END
                        WHERE r.account_id = :a AND (r.contact_id = :c OR r.related_contact_id = :c)
                        ORDER BY r.id LIMIT :limit OFFSET :offset""")
                .param("a", account).param("c", contactId).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new Relationship(rs.getLong("id"), rs.getString("type"),
                        rs.getBoolean("outgoing") ? Direction.outgoing : Direction.incoming,
                        new OtherContact(rs.getLong("other_id"), rs.getString("other_name")),
                        instant(rs.getTimestamp("created_at"))))
                .list();
        long total = jdbc.sql("""
                        SELECT count(*) FROM relationships
                        WHERE account_id = :a AND (contact_id = :c OR related_contact_id = :c)""")
                .param("a", account).param("c", contactId).query(Long.class).single();
        return new Page<>(items, total);
    }

    /** Photo metadata (never the bytes), the avatar marked. */
    public Page<Photo> photos(UUID account, long contactId, int limit, int offset) {
        return page("photos", account, contactId, limit, offset, """
                        SELECT id, mime, content_hash, octet_length(bytes) AS size, created_at,
                               id = (SELECT avatar_photo_id FROM contacts WHERE id = photos.contact_id) AS avatar
                        FROM photos""",
                "id",
                (rs, row) -> new Photo(rs.getLong("id"), rs.getString("mime"), rs.getString("content_hash"),
                        rs.getLong("size"), rs.getBoolean("avatar"), instant(rs.getTimestamp("created_at"))));
    }

    /** One photo's bytes, when it belongs to this live contact of the account. */
    public Optional<PhotoContent> photo(UUID account, long contactId, long photoId) {
        return jdbc.sql("""
                        SELECT p.id, p.mime, p.content_hash, p.bytes FROM photos p
                        JOIN contacts c ON c.id = p.contact_id AND c.merged_into IS NULL
                        WHERE p.account_id = ? AND p.contact_id = ? AND p.id = ?""")
                .params(account, contactId, photoId)
                .query((rs, row) -> new PhotoContent(rs.getLong("id"), rs.getString("mime"),
                        rs.getString("content_hash"), rs.getBytes("bytes")))
                .optional();
    }

    private <T> Page<T> page(String table, UUID account, long contactId, int limit, int offset, String select,
                             String order, RowMapper<T> mapper) {
        List<T> items = jdbc.sql(select + " WHERE account_id = :a AND contact_id = :c ORDER BY " + order
                        + " LIMIT :limit OFFSET :offset")
                .param("a", account).param("c", contactId).param("limit", limit).param("offset", offset)
                .query(mapper).list();
        long total = jdbc.sql("SELECT count(*) FROM " + table + " WHERE account_id = :a AND contact_id = :c")
                .param("a", account).param("c", contactId).query(Long.class).single();
        return new Page<>(items, total);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
