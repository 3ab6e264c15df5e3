package dev.kinflow.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinflow.conversations.ConversationKeys;
import dev.kinflow.testing.Jdbc;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationKeysBackfillTest {

    BackfillFixture db;
    UUID account;
    long contact;
    long olderPhone;
    long newerJid;
    long contactOld;
    long contactNew;
    long lid;
    long garbage;

    @BeforeEach
    void unkeyedConversationsWithDuplicates() {
        db = new BackfillFixture();
        account = Jdbc.newAccount(db.jdbc, "Keys", "FR");
        contact = db.contact(account, "Marie");
        olderPhone = conversation(null, "+33612345678", "Mimi", 1, 2);
        newerJid = conversation(null, "33612345678@s.whatsapp.net", null, 5, 1);
        contactOld = conversation(contact, "+33699887766", null, 2, 1);
        contactNew = conversation(contact, "+33699887766", null, 3, 2);
        lid = conversation(null, "123456789@lid", null, 4, 1);
        garbage = conversation(null, "not-a-peer", null, 6, 1);
    }

    @Test
    void aDryRunWritesNothingAndTheRealRunMergesExactlyWhatItReported() {
        String before = db.dump("conversations", "messages");
        BackfillRun dry = db.run(account, BackfillKind.CONVERSATION_KEYS, true, 2);
        assertThat(db.dump("conversations", "messages")).isEqualTo(before);
        assertThat(db.activities).isNotNull();
        assertThat(new UniqueConversationIndex(db.dataSource).isValid()).isFalse();
        assertThat(stepCounts(dry, ConversationMergeStep.NAME)).containsEntry("conversationsClosed", 2)
                .containsEntry("messagesMoved", 3);
        assertThat(stepCounts(dry, ConversationKeyStep.NAME)).containsEntry("changed", 5).containsEntry("failed", 1);
        assertThat(db.jdbc.sql("SELECT count(*) FROM backfill_conversation_keys").query(Long.class).single())
                .as("dry-run working rows are dropped at the end").isZero();

        BackfillRun real = db.run(account, BackfillKind.CONVERSATION_KEYS, false, 2);
        assertThat(List.of(real.scanned(), real.changed(), real.unchanged(), real.failed()))
                .containsExactly(dry.scanned(), dry.changed(), dry.unchanged(), dry.failed());
        assertThat(real.report().get("sample")).isEqualTo(dry.report().get("sample"));

        assertThat(key(newerJid)).isEqualTo(ConversationKeys.forPhone(account, "+33612345678"));
        assertThat(key(contactNew)).isEqualTo(ConversationKeys.forContact(account, contact));
        assertThat(key(lid)).isEqualTo(ConversationKeys.forOpaqueId(account, "123456789@lid"));
        assertThat(key(garbage)).isNull();
        assertMergedInto(olderPhone, newerJid);
        assertMergedInto(contactOld, contactNew);
        assertThat(messages(newerJid)).isEqualTo(3);
        assertThat(messages(contactNew)).isEqualTo(3);
        assertThat(db.jdbc.sql("SELECT push_name FROM conversations WHERE id = ?").param(newerJid)
                .query(String.class).single()).isEqualTo("Mimi");
        assertThat(db.jdbc.sql("SELECT count(*) FROM messages").query(Long.class).single()).isEqualTo(8);
        assertThat(new UniqueConversationIndex(db.dataSource).isValid()).isTrue();

        BackfillRun second = db.run(account, BackfillKind.CONVERSATION_KEYS, false, 2);
        assertThat(second.changed()).isZero();
    }

    @Test
    void theUniqueIndexKeepsDuplicatesFromComingBack() {
        db.run(account, BackfillKind.CONVERSATION_KEYS, false, 100);
        assertThatThrownBy(() -> db.jdbc.sql("""
                        INSERT INTO conversations (account_id, channel, handle, canonical_key)
                        VALUES (?, 'whatsapp', '+33612345678', ?)""")
                .params(account, ConversationKeys.forPhone(account, "+33612345678")).update())
                .hasMessageContaining("conversations_open_key_uq");
    }

    @Test
    void anInvalidIndexLeftByAFailedBuildIsDroppedAndRebuilt() throws Exception {
        db.jdbc.sql("UPDATE conversations SET canonical_key = 'same'").update();
        try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            assertThatThrownBy(() -> st.execute("CREATE UNIQUE INDEX CONCURRENTLY " + UniqueConversationIndex.NAME
                    + " ON conversations (account_id, canonical_key) WHERE canonical_key IS NOT NULL"
                    + " AND status = 'open'")).hasMessageContaining("duplicate");
        }
        assertThat(db.jdbc.sql("SELECT count(*) FROM pg_class WHERE relname = ?").param(UniqueConversationIndex.NAME)
                .query(Long.class).single()).as("an INVALID leftover").isEqualTo(1);

        BackfillRun run = db.run(account, BackfillKind.CONVERSATION_KEYS, false, 3);
        assertThat(stepCounts(run, BackfillSteps.UNIQUE_INDEX)).containsEntry("index", "rebuilt");
        assertThat(new UniqueConversationIndex(db.dataSource).isValid()).isTrue();
    }

    @Test
    void theIndexWaitsWhileAnotherAccountStillHasDuplicates() {
        UUID other = Jdbc.newAccount(db.jdbc, "Other", "FR");
        for (int i = 0; i < 2; i++) {
            db.jdbc.sql("""
                            INSERT INTO conversations (account_id, channel, handle, canonical_key)
                            VALUES (?, 'whatsapp', '+33600000000', 'dup')""").param(other).update();
        }
        BackfillRun run = db.run(account, BackfillKind.CONVERSATION_KEYS, false, 10);
        assertThat(new UniqueConversationIndex(db.dataSource).isValid()).isFalse();
        assertThat(stepCounts(run, BackfillSteps.UNIQUE_INDEX)).containsEntry("failed", 1);
        assertThat(db.run(null, BackfillKind.CONVERSATION_KEYS, false, 10).changed()).isPositive();
        assertThat(new UniqueConversationIndex(db.dataSource).isValid()).isTrue();
    }

    private long conversation(Long contactId, String handle, String pushName, int lastMessageDay, int messages) {
        long id = db.jdbc.sql("""
                        INSERT INTO conversations (account_id, contact_id, channel, handle, push_name, last_message_at)
                        VALUES (?, ?, 'whatsapp', ?, ?, timestamptz '2026-11-01' + make_interval(days => ?))
                        RETURNING id""")
                .params(account, contactId, handle, pushName, lastMessageDay).query(Long.class).single();
        for (int i = 0; i < messages; i++) {
            db.jdbc.sql("""
                            INSERT INTO messages (account_id, conversation_id, direction, body, external_id, sent_at)
                            VALUES (?, ?, 'in', 'hi', ?, now())""")
                    .params(account, id, UUID.randomUUID().toString()).update();
        }
        return id;
    }

    private void assertMergedInto(long duplicate, long survivor) {
        var row = db.jdbc.sql("SELECT status, merged_into FROM conversations WHERE id = ?").param(duplicate)
                .query((rs, n) -> List.of(rs.getString(1), rs.getLong(2))).single();
        assertThat(row).containsExactly("closed", survivor);
        assertThat(messages(duplicate)).isZero();
    }

    private long messages(long conversation) {
        return db.jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = ?").param(conversation)
                .query(Long.class).single();
    }

    private String key(long conversation) {
        return db.jdbc.sql("SELECT canonical_key FROM conversations WHERE id = ?").param(conversation)
                .query(String.class).optional().orElse(null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stepCounts(BackfillRun run, String step) {
        return (Map<String, Object>) ((Map<String, Object>) run.report().get("steps")).get(step);
    }
}
