package dev.kinflow.contacts;

import java.time.Instant;
import java.time.LocalDate;

/** What a contact holds beyond its fields (mostly written by imports), as the REST API shows it. */
public final class ContactData {

    private ContactData() {
    }

    public record Note(long id, String body, Instant createdAt, Instant updatedAt) {
    }

    public record Activity(long id, String summary, String description, LocalDate happenedAt, Instant createdAt) {
    }

    public record Reminder(long id, String title, String description, LocalDate nextExpectedDate,
                           String frequencyType, Integer frequencyNumber, Instant createdAt) {
    }

    public record Task(long id, String title, String description, boolean completed, Instant completedAt,
                       Instant createdAt) {
    }

    /** Which way a relationship points, seen from the contact asked about. */
    public enum Direction {
        /** the contact is {@code contact_id}: "the contact is {type} of other" as Monica records it */
        outgoing,
        /** the contact is {@code related_contact_id} */
        incoming
    }

    /** A relationship in either direction with the other contact's id and name. */
    public record Relationship(long id, String type, Direction direction, OtherContact other, Instant createdAt) {
    }

    public record OtherContact(long id, String name) {
    }

    /** A photo's metadata; the bytes are at {@code /api/contacts/{id}/photos/{photoId}}. */
    public record Photo(long id, String mime, String contentHash, long size, boolean avatar, Instant createdAt) {
    }

    /** A photo's bytes with what an HTTP response needs. */
    public record PhotoContent(long id, String mime, String contentHash, byte[] bytes) {
    }

    /** One page of a contact's items and the total. */
    public record Page<T>(java.util.List<T> items, long total) {
    }
}
