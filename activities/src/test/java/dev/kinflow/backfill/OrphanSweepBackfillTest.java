package dev.kinflow.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.Jdbc;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrphanSweepBackfillTest {

    static final String[] TABLES = {"import_records", "contacts", "conversations", "messages"};

    BackfillFixture db;
    UUID account;
    long keptContact;
    long recordOfKept;
    long recordOfDeletedContact;
    long recordOfDeletedNote;
    long survivor;
    long leftOpen;

    @BeforeEach
    void rowsPointingAtNothing() {
        db = new BackfillFixture();
        account = Jdbc.newAccount(db.jdbc, "Orphans", "FR");
        keptContact = db.contact(account, "Kept");
        long goneContact = db.contact(account, "Gone");
        long note = db.jdbc.sql("INSERT INTO notes (account_id, contact_id, body) VALUES (?, ?, 'n') RETURNING id")
                .params(account, keptContact).query(Long.class).single();
        recordOfKept = record("contact", "1", keptContact, null);
        recordOfDeletedContact = record("contact", "2", goneContact, null);
        recordOfDeletedNote = record("note", "3", keptContact, note);
        db.jdbc.sql("DELETE FROM contacts WHERE id = ?").param(goneContact).update();
        db.jdbc.sql("DELETE FROM notes WHERE id = ?").param(note).update();
        db.jdbc.sql("UPDATE contacts SET avatar_photo_id = 424242 WHERE id = ?").param(keptContact).update();

        survivor = conversation(null, "open");
        leftOpen = conversation(survivor, "open");
        db.jdbc.sql("""
                        INSERT INTO messages (account_id, conversation_id, direction, body, sent_at)
                        VALUES (?, ?, 'in', 'left behind', now())""").params(account, leftOpen).update();
    }

    @Test
    void aDryRunWritesNothingTheRealRunRepairsWhatItReportedAndASecondRunFindsNothing() {
        String before = db.dump(TABLES);
        BackfillRun dry = db.run(account, BackfillKind.ORPHAN_SWEEP, true, 2);
        assertThat(db.dump(TABLES)).isEqualTo(before);
        assertThat(ConversationKeysBackfillTest.stepCounts(dry, ImportRecordOrphanStep.NAME))
                .containsEntry("deleted", 2).containsEntry("scanned", 3);
        assertThat(ConversationKeysBackfillTest.stepCounts(dry, AvatarOrphanStep.NAME))
                .containsEntry("avatarsCleared", 1);
        assertThat(ConversationKeysBackfillTest.stepCounts(dry, MergedConversationStep.NAME))
                .containsEntry("conversationsClosed", 1).containsEntry("messagesMoved", 1);

        BackfillRun real = db.run(account, BackfillKind.ORPHAN_SWEEP, false, 2);
        assertThat(List.of(real.scanned(), real.changed(), real.unchanged(), real.failed()))
                .containsExactly(dry.scanned(), dry.changed(), dry.unchanged(), dry.failed());
        assertThat(real.report()).isEqualTo(dry.report());
        assertThat(db.jdbc.sql("SELECT id FROM import_records").query(Long.class).list())
                .containsExactly(recordOfKept);
        assertThat(db.jdbc.sql("SELECT avatar_photo_id FROM contacts WHERE id = ?").param(keptContact)
                .query(Long.class).optional()).isEmpty();
        assertThat(db.jdbc.sql("SELECT status FROM conversations WHERE id = ?").param(leftOpen)
                .query(String.class).single()).isEqualTo("closed");
        assertThat(db.jdbc.sql("SELECT conversation_id FROM messages").query(Long.class).single()).isEqualTo(survivor);

        assertThat(db.run(account, BackfillKind.ORPHAN_SWEEP, false, 2).changed()).isZero();
    }

    private long record(String type, String sourceId, long contact, Long target) {
        return db.jdbc.sql("""
                        INSERT INTO import_records (account_id, source, source_type, source_id, contact_id, target_id)
                        VALUES (?, 'monica:test', ?, ?, ?, ?) RETURNING id""")
                .params(account, type, sourceId, contact, target).query(Long.class).single();
    }

    private long conversation(Long mergedInto, String status) {
        return db.jdbc.sql("""
                        INSERT INTO conversations (account_id, channel, handle, status, merged_into)
                        VALUES (?, 'whatsapp', '+33612345678', ?, ?) RETURNING id""")
                .params(account, status, mergedInto).query(Long.class).single();
    }
}
