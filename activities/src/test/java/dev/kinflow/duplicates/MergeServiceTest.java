package dev.kinflow.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinflow.backfill.UniqueConversationIndex;
import dev.kinflow.conversations.ConversationKeys;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

class MergeServiceTest {

    static JdbcClient jdbc;
    static DataSource dataSource;
    static MergeService merges;

    UUID account;
    Fixtures db;

    @BeforeAll
    static void database() {
        DataSource ds = TestDatabase.fresh().dataSource();
        dataSource = ds;
        jdbc = Jdbc.client(ds);
        merges = new MergeService(jdbc, new DataSourceTransactionManager(ds), Jdbc.JSON);
    }

    @BeforeEach
    void account() {
        account = Jdbc.newAccount(jdbc, "Merge", "FR");
        db = new Fixtures(jdbc, account);
    }

    @Test
    void mergeMovesEverythingWithoutDuplicatesAndUndoRestoresBothContactsExactly() {
        long survivor = db.contact("Ada", "Lovelace");
        long merged = db.contact("Ada", "Lovelace");
        long friend = db.contact("Charles", "Babbage");
        long other = db.contact("Mary", "Somerville");
        jdbc.sql("UPDATE contacts SET company = 'Analytical', birthdate = '1815-12-10' WHERE id = ?").param(merged)
                .update();
        db.field(survivor, "email", "ada@example.org").field(merged, "email", "ada@example.org")
                .field(merged, "email", "countess@example.org").field(merged, "phone", "+33612345678")
                .address(survivor, "12 Main St.", "75001").address(merged, "12  main street", "75001")
                .address(merged, "1 Other Road", "75002")
                .tag(survivor, "family").tag(merged, "Family").tag(merged, "math");
        db.photo(survivor, "same-hash");
        long mergedPhoto = db.photo(merged, "same-hash");
        db.photo(merged, "other-hash");
        jdbc.sql("UPDATE contacts SET avatar_photo_id = ? WHERE id = ?").params(mergedPhoto, merged).update();
        for (String table : List.of("notes", "contact_activities", "reminders", "tasks", "conversations")) {
            db.owned(merged, table, table + " of merged").owned(survivor, table, table + " of survivor");
        }
        db.importRecord(merged, "m-1", UUID.randomUUID())
                .relationship(merged, survivor, "sibling").relationship(merged, friend, "friend")
                .relationship(survivor, friend, "friend").relationship(friend, merged, "colleague");
        long pair = db.candidate(survivor, merged, "pending");
        long withFriend = db.candidate(merged, friend, "pending");
        db.candidate(survivor, friend, "pending");
        long withOther = db.candidate(merged, other, "dismissed");
        List<String> before = ContactDump.of(jdbc, survivor, merged, friend, other);

        MergeOutcome outcome = merges.merge(account, survivor, merged, pair, "user");

        assertThat(outcome.applied()).isTrue();
        assertThat(values("SELECT value FROM contact_fields WHERE contact_id = ? ORDER BY value", survivor))
                .containsExactly("+33612345678", "ada@example.org", "countess@example.org");
        assertThat(values("SELECT line1 FROM addresses WHERE contact_id = ? ORDER BY line1", survivor))
                .containsExactly("1 Other Road", "12 Main St.");
        assertThat(values("SELECT lower(t.name) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
                + "WHERE ct.contact_id = ? ORDER BY 1", survivor)).containsExactly("family", "math");
        assertThat(values("SELECT content_hash FROM photos WHERE contact_id = ? ORDER BY 1", survivor))
                .containsExactly("other-hash", "same-hash");
        for (String table : List.of("notes", "contact_activities", "reminders", "tasks", "conversations",
                "import_records")) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE contact_id = ?", merged)).as(table).isZero();
        }
        assertThat(values("SELECT contact_id || '>' || related_contact_id || ':' || type FROM relationships "
                + "WHERE ? IN (contact_id, related_contact_id) ORDER BY 1", survivor))
                .containsExactlyInAnyOrder(survivor + ">" + friend + ":friend", friend + ">" + survivor + ":colleague");
        assertThat(values("SELECT company || ' ' || birthdate || ' ' || (merged_into IS NULL) FROM contacts WHERE id = ?",
                survivor)).containsExactly("Analytical 1815-12-10 true");
        assertThat(count("SELECT merged_into FROM contacts WHERE id = ?", merged)).isEqualTo(survivor);
        assertThat(count("SELECT count(*) FROM contacts c JOIN photos p ON p.id = c.avatar_photo_id "
                + "WHERE c.id = ? AND p.contact_id = c.id", survivor)).isEqualTo(1);
        assertThat(values("SELECT status FROM duplicate_candidates WHERE id IN (?, ?) ORDER BY id", pair, withFriend))
                .containsExactly("merged", "merged");
        assertThat(values("SELECT contact_a || '-' || contact_b || ' ' || status FROM duplicate_candidates "
                + "WHERE id = ?", withOther)).containsExactly(
                Math.min(survivor, other) + "-" + Math.max(survivor, other) + " dismissed");

        MergeOutcome again = merges.merge(account, survivor, merged, pair, "user");
        assertThat(again).isEqualTo(new MergeOutcome(outcome.mergeId(), survivor, merged, false));
        assertThat(count("SELECT count(*) FROM merges WHERE account_id = ?", account)).isEqualTo(1);

        assertThat(merges.undo(account, outcome.mergeId()).applied()).isTrue();
        assertThat(ContactDump.of(jdbc, survivor, merged, friend, other)).isEqualTo(before);
        assertThat(merges.undo(account, outcome.mergeId()).applied()).isFalse();
        assertThat(ContactDump.of(jdbc, survivor, merged, friend, other)).isEqualTo(before);
    }

    @Test
    void mergedConversationsTakeTheSurvivorsKeyAndASecondOpenOneIsClosedIntoTheSurvivorsOne() {
        assertThat(new UniqueConversationIndex(dataSource).ensure()).isNotEqualTo(UniqueConversationIndex.Outcome
                .DUPLICATES_REMAIN);
        long survivor = db.contact("Grace", "Hopper");
        long merged = db.contact("Grace", "Hopper");
        long survivorOpen = conversation(survivor, "open");
        long mergedOpen = conversation(merged, "open");
        long mergedClosed = conversation(merged, "closed");
        List<String> before = ContactDump.of(jdbc, survivor, merged);

        merges.merge(account, survivor, merged, null, "user");

        String key = ConversationKeys.forContact(account, survivor);
        assertThat(values("SELECT id || ' ' || canonical_key || ' ' || status || ' ' || coalesce(merged_into, 0) "
                + "FROM conversations WHERE contact_id = ? ORDER BY id", survivor)).containsExactly(
                survivorOpen + " " + key + " open 0",
                mergedOpen + " " + key + " closed " + survivorOpen,
                mergedClosed + " " + key + " closed 0");

        long undone = merges.merge(account, survivor, merged, null, "user").mergeId();
        merges.undo(account, undone);
        assertThat(ContactDump.of(jdbc, survivor, merged)).isEqualTo(before);
    }

    @Test
    void withoutAnOpenConversationTheSurvivorTakesOverTheMergedContactsOpenOne() {
        long survivor = db.contact("Alan", "Turing");
        long merged = db.contact("Alan", "Turing");
        long mergedOpen = conversation(merged, "open");

        merges.merge(account, survivor, merged, null, "user");

        assertThat(values("SELECT id || ' ' || status FROM conversations WHERE account_id = ? "
                + "AND canonical_key = ?", account, ConversationKeys.forContact(account, survivor)))
                .containsExactly(mergedOpen + " open");
    }

    long conversation(long contact, String status) {
        return jdbc.sql("""
                        INSERT INTO conversations (account_id, contact_id, channel, canonical_key, status)
                        VALUES (?, ?, 'whatsapp', ?, ?) RETURNING id""")
                .params(account, contact, status.equals("open") ? ConversationKeys.forContact(account, contact) : null,
                        status)
                .query(Long.class).single();
    }

    @Test
    void contactsOfAnotherAccountAreNotFoundAndNothingIsWritten() {
        long mine = db.contact("Ada", "Lovelace");
        UUID otherAccount = Jdbc.newAccount(jdbc, "Other", null);
        long theirs = new Fixtures(jdbc, otherAccount).contact("Ada", "Lovelace");
        List<String> before = ContactDump.of(jdbc, mine, theirs);

        assertThatThrownBy(() -> merges.merge(account, mine, theirs, null, "user"))
                .isInstanceOfSatisfying(MergeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MergeRefusedException.Reason.NOT_FOUND));
        long theirOther = new Fixtures(jdbc, otherAccount).contact("Ada", "L");
        MergeOutcome theirMerge = merges.merge(otherAccount, theirs, theirOther, null, "user");
        assertThatThrownBy(() -> merges.undo(account, theirMerge.mergeId()))
                .isInstanceOfSatisfying(MergeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MergeRefusedException.Reason.NOT_FOUND));
        assertThat(ContactDump.of(jdbc, mine)).isEqualTo(before.stream()
                .filter(row -> row.contains("\"id\": " + mine + ",")).toList());
        assertThat(count("SELECT count(*) FROM merges WHERE account_id = ?", account)).isZero();
    }

    @Test
    void aContactAlreadyMergedElsewhereIsAConflict() {
        long a = db.contact("A", "One");
        long b = db.contact("B", "One");
        long c = db.contact("C", "One");
        merges.merge(account, a, b, null, "user");
        assertThatThrownBy(() -> merges.merge(account, c, b, null, "user"))
                .isInstanceOfSatisfying(MergeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MergeRefusedException.Reason.CONFLICT));
        assertThatThrownBy(() -> merges.merge(account, a, a, null, "user"))
                .isInstanceOfSatisfying(MergeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MergeRefusedException.Reason.INVALID));
    }

    private List<String> values(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(String.class).list();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
