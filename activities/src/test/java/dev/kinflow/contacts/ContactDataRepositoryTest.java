package dev.kinflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.contacts.ContactData.Direction;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads are scoped by account and by a live contact, paginated with a total. */
class ContactDataRepositoryTest {

    static JdbcClient jdbc;
    static ContactDataRepository data;

    @BeforeAll
    static void database() {
        jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
        data = new ContactDataRepository(jdbc);
    }

    private long contact(UUID account, String first, String last) {
        return jdbc.sql("INSERT INTO contacts (account_id, first_name, last_name) VALUES (?, ?, ?) RETURNING id")
                .params(account, first, last).query(Long.class).single();
    }

    @Test
    void everyKindOfDataOfOneContactPageByPage() {
        UUID account = Jdbc.newAccount(jdbc, "Data", "FR");
        long ada = contact(account, "Ada", "Lovelace");
        long charles = contact(account, "Charles", "Babbage");
        long mary = contact(account, "Mary", "Somerville");
        for (int i = 1; i <= 3; i++) {
            jdbc.sql("INSERT INTO notes (account_id, contact_id, body, created_at) VALUES (?, ?, ?, now() - ? * "
                    + "interval '1 day')").params(account, ada, "note " + i, i).update();
        }
        jdbc.sql("INSERT INTO contact_activities (account_id, contact_id, summary, happened_at) VALUES "
                + "(?, ?, 'Dinner', '2026-01-02')").params(account, ada).update();
        jdbc.sql("INSERT INTO reminders (account_id, contact_id, title, next_expected_date, frequency_type, "
                + "frequency_number) VALUES (?, ?, 'Birthday', '2026-12-10', 'year', 1)").params(account, ada).update();
        jdbc.sql("INSERT INTO tasks (account_id, contact_id, title, completed) VALUES (?, ?, 'Call', true)")
                .params(account, ada).update();
        jdbc.sql("INSERT INTO relationships (account_id, contact_id, related_contact_id, type) VALUES "
                + "(?, ?, ?, 'friend'), (?, ?, ?, 'mentor')").params(account, ada, charles, account, mary, ada)
                .update();
        long photo = jdbc.sql("INSERT INTO photos (account_id, contact_id, content_hash, mime, bytes) VALUES "
                + "(?, ?, 'abc', 'image/png', ?) RETURNING id").params(account, ada, new byte[] {1, 2, 3})
                .query(Long.class).single();
        jdbc.sql("UPDATE contacts SET avatar_photo_id = ? WHERE id = ?").params(photo, ada).update();

        var notes = data.notes(account, ada, 2, 0);
        assertThat(notes.total()).isEqualTo(3);
        assertThat(notes.items()).extracting(ContactData.Note::body).containsExactly("note 1", "note 2");
        assertThat(data.notes(account, ada, 2, 2).items()).extracting(ContactData.Note::body)
                .containsExactly("note 3");
        assertThat(data.activities(account, ada, 10, 0).items()).singleElement()
                .satisfies(a -> assertThat(a.happenedAt()).hasToString("2026-01-02"));
        assertThat(data.reminders(account, ada, 10, 0).items()).singleElement()
                .satisfies(r -> assertThat(r.frequencyType() + r.frequencyNumber()).isEqualTo("year1"));
        assertThat(data.tasks(account, ada, 10, 0).items()).extracting(ContactData.Task::completed)
                .containsExactly(true);
        var relationships = data.relationships(account, ada, 10, 0);
        assertThat(relationships.total()).isEqualTo(2);
        assertThat(relationships.items()).extracting(r -> r.type() + " " + r.direction() + " " + r.other())
                .containsExactly("friend " + Direction.outgoing + " " + new ContactData.OtherContact(charles,
                                "Charles Babbage"),
                        "mentor " + Direction.incoming + " " + new ContactData.OtherContact(mary, "Mary Somerville"));
        assertThat(data.relationships(account, charles, 10, 0).items()).singleElement()
                .satisfies(r -> assertThat(r.direction()).isEqualTo(Direction.incoming));
        assertThat(data.photos(account, ada, 10, 0).items()).singleElement()
                .isEqualTo(new ContactData.Photo(photo, "image/png", "abc", 3, true,
                        data.photos(account, ada, 10, 0).items().getFirst().createdAt()));
        assertThat(data.photo(account, ada, photo).orElseThrow().bytes()).containsExactly(1, 2, 3);
        assertThat(data.photo(account, charles, photo)).isEmpty();
    }

    @Test
    void anotherAccountsOrAMergedContactIsNotThere() {
        UUID account = Jdbc.newAccount(jdbc, "Mine", "FR");
        UUID other = Jdbc.newAccount(jdbc, "Theirs", "FR");
        long theirs = contact(other, "Secret", "Person");
        long photo = jdbc.sql("INSERT INTO photos (account_id, contact_id, content_hash, mime, bytes) VALUES "
                + "(?, ?, 'x', 'image/png', ?) RETURNING id").params(other, theirs, new byte[] {9})
                .query(Long.class).single();
        long survivor = contact(account, "A", "B");
        long merged = contact(account, "A", "B");
        jdbc.sql("UPDATE contacts SET merged_into = ? WHERE id = ?").params(survivor, merged).update();

        assertThat(data.exists(account, theirs)).isFalse();
        assertThat(data.exists(other, theirs)).isTrue();
        assertThat(data.exists(account, merged)).isFalse();
        assertThat(data.exists(account, survivor)).isTrue();
        assertThat(data.photo(account, theirs, photo)).isEmpty();
        assertThat(data.photos(account, theirs, 10, 0).total()).isZero();
    }
}
