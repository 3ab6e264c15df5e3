package dev.kinflow.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinflow.contacts.Contact;
import dev.kinflow.contacts.ContactRepository;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Merge preview, merging any two contacts, and undo of merges recorded before the merge was split into steps. */
class MergeAnyTwoTest {

    static JdbcClient jdbc;
    static MergeService merges;
    static ContactRepository contacts;

    UUID account;
    Fixtures db;

    @BeforeAll
    static void database() {
        DataSource ds = TestDatabase.fresh().dataSource();
        jdbc = Jdbc.client(ds);
        merges = new MergeService(jdbc, new DataSourceTransactionManager(ds), Jdbc.JSON);
        contacts = new ContactRepository(jdbc, Jdbc.JSON);
    }

    @BeforeEach
    void account() {
        account = Jdbc.newAccount(jdbc, "Merge any two", "FR");
        db = new Fixtures(jdbc, account);
    }

    @Test
    void previewShowsTheSurvivorAfterTheMergeWithCountsAndWritesNothing() {
        long survivor = db.contact("Ada", "Lovelace");
        long other = db.contact("Augusta", "King");
        long friend = db.contact("Charles", "Babbage");
        jdbc.sql("UPDATE contacts SET company = 'Analytical' WHERE id = ?").param(other).update();
        db.field(survivor, "email", "ada@example.org").field(other, "email", "ada@example.org")
                .field(other, "phone", "+33123456789").address(other, "1 Other Road", "75002")
                .tag(survivor, "family").tag(other, "math")
                .owned(other, "notes", "n1").owned(other, "notes", "n2").owned(other, "contact_activities", "a")
                .owned(other, "reminders", "r").owned(other, "tasks", "t")
                .relationship(other, friend, "friend").relationship(other, survivor, "sibling");
        db.photo(survivor, "same");
        db.photo(other, "same");
        db.photo(other, "new");
        List<String> before = ContactDump.of(jdbc, survivor, other, friend);
        long mergesBefore = count("SELECT count(*) FROM merges");
        long auditBefore = count("SELECT count(*) FROM audit_logs");

        MergePreview preview = merges.preview(account, survivor, other);
        MergePreview again = merges.preview(account, survivor, other);

        assertThat(ContactDump.of(jdbc, survivor, other, friend)).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM merges")).isEqualTo(mergesBefore);
        assertThat(count("SELECT count(*) FROM audit_logs")).isEqualTo(auditBefore);
        assertThat(again).usingRecursiveComparison().ignoringFields("survivor.updatedAt").isEqualTo(preview);
        assertThat(preview.moves()).isEqualTo(new MergePreview.Moves(2, 1, 1, 1, 1, 1, 1, 1, 0));
        Contact after = preview.survivor();
        assertThat(after.company()).isEqualTo("Analytical");
        assertThat(after.emails()).extracting(Contact.Email::value).containsExactly("ada@example.org");
        assertThat(after.phones()).extracting(Contact.Phone::value).containsExactly("+33123456789");
        assertThat(after.addresses()).extracting(Contact.Address::line1).containsExactly("1 Other Road");
        assertThat(after.tags()).containsExactly("family", "math");

        MergeOutcome merged = merges.mergeContacts(account, survivor, other);
        assertThat(contacts.find(account, survivor).orElseThrow()).usingRecursiveComparison()
                .ignoringFields("updatedAt").isEqualTo(after);
        assertThat(merges.undo(account, merged.mergeId()).applied()).isTrue();
        assertThat(ContactDump.of(jdbc, survivor, other, friend)).isEqualTo(before);
    }

    @Test
    void anyTwoContactsMergeOnceAndAPendingCandidateBetweenThemBecomesMerged() {
        long survivor = db.contact("Grace", "Hopper");
        long other = db.contact("G.", "Hopper");
        long pair = db.candidate(survivor, other, "pending");

        MergeOutcome first = merges.mergeContacts(account, survivor, other);
        MergeOutcome second = merges.mergeContacts(account, survivor, other);

        assertThat(first.applied()).isTrue();
        assertThat(second).isEqualTo(new MergeOutcome(first.mergeId(), survivor, other, false));
        assertThat(jdbc.sql("SELECT status FROM duplicate_candidates WHERE id = ?").param(pair).query(String.class)
                .single()).isEqualTo("merged");
        assertThat(count("SELECT candidate_id FROM merges WHERE id = " + first.mergeId())).isEqualTo(pair);
        assertThat(count("SELECT count(*) FROM merges WHERE account_id = '" + account + "'")).isEqualTo(1);
        assertThatThrownBy(() -> merges.preview(account, survivor, other))
                .isInstanceOfSatisfying(MergeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MergeRefusedException.Reason.NOT_FOUND));
    }

    @Test
    void selfAndCrossAccountPreviewsAreRefused() {
        long mine = db.contact("Ada", "Lovelace");
        UUID otherAccount = Jdbc.newAccount(jdbc, "Other", null);
        long theirs = new Fixtures(jdbc, otherAccount).contact("Ada", "Lovelace");
        assertThatThrownBy(() -> merges.preview(account, mine, mine))
                .isInstanceOfSatisfying(MergeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MergeRefusedException.Reason.INVALID));
        assertThatThrownBy(() -> merges.preview(account, mine, theirs))
                .isInstanceOfSatisfying(MergeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MergeRefusedException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> merges.mergeContacts(account, mine, theirs))
                .isInstanceOfSatisfying(MergeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MergeRefusedException.Reason.NOT_FOUND));
    }

    /**
     * {@code snapshot-before-steps.json} was written by the MergeService before it was split into steps (the merge of
     * MergeServiceTest's first test): the typed snapshot reads it and writes back the same document, so the undo of a
     * merge recorded then gets every value it had.
     */
    @Test
    void aSnapshotRecordedBeforeTheStepsReadsAndWritesBackUnchanged() throws Exception {
        String old;
        try (InputStream in = getClass().getResourceAsStream("/merges/snapshot-before-steps.json")) {
            old = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        MergeSnapshot typed = Jdbc.JSON.readValue(old, MergeSnapshot.class);
        assertThat(typed.moved()).containsKeys("notes", "contact_fields", "photos", "contact_tags");
        assertThat(typed.relationships().removed()).hasSize(2);
        assertThat(Jdbc.JSON.readTree(Jdbc.JSON.writeValueAsString(typed))).isEqualTo(Jdbc.JSON.readTree(old));
    }

    @Test
    void aSnapshotWithoutAConversationsPartIsUndoneExactly() {
        long survivor = db.contact("Ada", "Lovelace");
        long merged = db.contact("Ada", "Lovelace");
        db.field(merged, "email", "countess@example.org").owned(merged, "notes", "n").tag(merged, "math");
        jdbc.sql("UPDATE contacts SET company = 'Analytical' WHERE id = ?").param(merged).update();
        List<String> before = ContactDump.of(jdbc, survivor, merged);
        long mergeId = merges.merge(account, survivor, merged, null, "user").mergeId();
        // the oldest snapshots have no conversations part (the old undo read it with getOrDefault)
        jdbc.sql("UPDATE merges SET snapshot = snapshot - 'conversations' WHERE id = ?").param(mergeId).update();

        assertThat(merges.undo(account, mergeId).applied()).isTrue();

        assertThat(ContactDump.of(jdbc, survivor, merged)).isEqualTo(before);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
