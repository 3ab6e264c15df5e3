package dev.kinflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.contacts.ContactDraft.AddressDraft;
import dev.kinflow.contacts.ContactDraft.FieldDraft;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class ContactRepositoryTest {

    static JdbcClient jdbc;
    static ContactRepository contacts;

    @BeforeAll
    static void database() {
        jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
        contacts = new ContactRepository(jdbc, Jdbc.JSON);
    }

    private static ContactDraft draft(String first, String email, String phone, String... tags) {
        return new ContactDraft(first, "Doe", null, "Acme", null, null,
                email == null ? List.of() : List.of(new FieldDraft(email, "work")),
                phone == null ? List.of() : List.of(new FieldDraft(phone, "mobile")),
                List.of(new AddressDraft("12 Main St.", null, "Springfield", null, "12345", "US")),
                List.of(tags));
    }

    @Test
    void normalisesEmailsAndPhonesWithTheDefaultRegionAndKeepsTheRawInput() {
        UUID account = Jdbc.newAccount(jdbc, "A", "FR");
        long id = contacts.insertAll(account, "FR",
                List.of(draft("Ada", "  Ada@Example.ORG ", "06 12 34 56 78", "Friends")), "user").getFirst();

        Contact contact = contacts.find(account, id).orElseThrow();
        assertThat(contact.emails()).containsExactly(new Contact.Email("ada@example.org", "work"));
        assertThat(contact.phones()).containsExactly(new Contact.Phone("+33612345678", "06 12 34 56 78", "mobile", "+33612345678"));
        assertThat(contact.tags()).containsExactly("Friends");
        assertThat(jdbc.sql("SELECT normalized_key FROM addresses WHERE contact_id = ?").param(id)
                .query(String.class).single()).isEqualTo("12 main street|12345");
    }

    @Test
    void junkPhonesAreKeptAsEnteredWithoutError() {
        UUID account = Jdbc.newAccount(jdbc, "B", null);
        long id = contacts.insertAll(account, null, List.of(draft("Bob", null, "N/A")), "user").getFirst();
        assertThat(contacts.find(account, id).orElseThrow().phones())
                .containsExactly(new Contact.Phone("N/A", "N/A", "mobile", "N/A"));
    }

    @Test
    void bulkInsertKeepsInputOrderAndSharesTagsCaseInsensitively() {
        UUID account = Jdbc.newAccount(jdbc, "C", "US");
        List<ContactDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            drafts.add(draft("P" + i, "p" + i + "@x.org", "+1 415 555 " + String.format("%04d", i),
                    i % 2 == 0 ? "even" : "Odd", "ALL"));
        }
        List<Long> ids = contacts.insertAll(account, "US", drafts, "import");

        assertThat(ids).hasSize(1000).isSorted();
        assertThat(contacts.find(account, ids.get(999)).orElseThrow().firstName()).isEqualTo("P999");
        assertThat(contacts.count(account, null)).isEqualTo(1000);
        assertThat(jdbc.sql("SELECT count(*) FROM tags WHERE account_id = ?").param(account)
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT DISTINCT origin FROM contact_fields WHERE account_id = ?").param(account)
                .query(String.class).list()).containsExactly("import");

        List<Long> more = contacts.insertAll(account, "US", List.of(draft("Q", null, null, "all")), "user");
        assertThat(contacts.find(account, more.getFirst()).orElseThrow().tags()).containsExactly("ALL");
    }

    @Test
    void anotherAccountSeesNothing() {
        UUID owner = Jdbc.newAccount(jdbc, "D", null);
        UUID other = Jdbc.newAccount(jdbc, "E", null);
        long id = contacts.insertAll(owner, null, List.of(draft("Dee", null, null)), "user").getFirst();

        assertThat(contacts.find(other, id)).isEmpty();
        assertThat(contacts.update(other, null, id, new ContactPatch("X", null, null, null, null, null, null, null,
                null, null))).isFalse();
        assertThat(contacts.delete(other, id)).isFalse();
        assertThat(contacts.find(owner, id).orElseThrow().firstName()).isEqualTo("Dee");
    }

    @Test
    void patchReplacesGivenListsAndMarksTheContactAsUserEdited() {
        UUID account = Jdbc.newAccount(jdbc, "F", "GB");
        long id = contacts.insertAll(account, "GB", List.of(draft("Fay", "fay@x.org", "020 7946 0018")), "import")
                .getFirst();

        contacts.update(account, "GB", id, new ContactPatch(null, "Smith", null, null, null, null, null,
                List.of(new FieldDraft("07400 123456", null)), null, List.of("vip")));

        Contact contact = contacts.find(account, id).orElseThrow();
        assertThat(contact.lastName()).isEqualTo("Smith");
        assertThat(contact.emails()).extracting(Contact.Email::value).containsExactly("fay@x.org");
        assertThat(contact.phones()).extracting(Contact.Phone::value).containsExactly("+447400123456");
        assertThat(contact.tags()).containsExactly("vip");
        assertThat(jdbc.sql("SELECT origin FROM contacts WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("user");
    }

    @Test
    void searchMatchesNamesAndEmailPrefixes() {
        UUID account = Jdbc.newAccount(jdbc, "G", null);
        contacts.insertAll(account, null, List.of(draft("Zelda", "zelda@hyrule.org", null),
                draft("Link", "link@hyrule.org", null)), "user");
        assertThat(contacts.list(account, "zel", 10, 0)).extracting(Contact::firstName).containsExactly("Zelda");
        assertThat(contacts.list(account, "link@", 10, 0)).extracting(Contact::firstName).containsExactly("Link");
        assertThat(contacts.count(account, "doe")).isEqualTo(2);
    }
}
