package dev.kinflow.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.Jdbc;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PhoneE164BackfillTest {

    BackfillFixture db;
    UUID account;
    UUID other;
    long national;
    long duplicate;
    long alreadyE164;
    long unparseable;
    long firstOfPair;
    long otherAccountPhone;

    @BeforeEach
    void phonesEnteredBeforeTheRegionWasSet() {
        db = new BackfillFixture();
        account = Jdbc.newAccount(db.jdbc, "Phones", null);
        other = Jdbc.newAccount(db.jdbc, "Other", null);
        long marie = db.contact(account, "Marie");
        firstOfPair = db.phone(account, marie, "+33612345678", "+33 6 12 34 56 78");
        national = db.phone(account, marie, "06 99 88 77 66", "06 99 88 77 66");
        long paul = db.contact(account, "Paul");
        unparseable = db.phone(account, paul, "call the office", "call the office");
        alreadyE164 = db.phone(account, paul, "+972502345678", "+972 50-234-5678");
        duplicate = db.phone(account, marie, "06 12 34 56 78", "06 12 34 56 78");
        otherAccountPhone = db.phone(other, db.contact(other, "Zoe"), "06 11 11 11 11", "06 11 11 11 11");
        db.jdbc.sql("UPDATE accounts SET default_region = 'FR'").update();
    }

    @Test
    void aDryRunWritesNothingAndTheRealRunChangesExactlyWhatItReported() {
        String before = db.dump("contact_fields", "contacts");
        BackfillRun dry = db.run(account, BackfillKind.PHONE_E164, true, 2);
        assertThat(db.dump("contact_fields", "contacts")).isEqualTo(before);
        assertThat(List.of(dry.scanned(), dry.changed(), dry.unchanged(), dry.failed()))
                .containsExactly(5L, 2L, 2L, 1L);

        BackfillRun real = db.run(account, BackfillKind.PHONE_E164, false, 2);
        assertThat(List.of(real.scanned(), real.changed(), real.unchanged(), real.failed()))
                .containsExactly(dry.scanned(), dry.changed(), dry.unchanged(), dry.failed());
        assertThat(real.report()).isEqualTo(dry.report());
        assertThat(stepCounts(real)).containsEntry("normalised", 1).containsEntry("duplicatesRemoved", 1)
                .containsEntry("unparseable", 1);

        assertThat(value(national)).isEqualTo("+33699887766");
        assertThat(origin(national)).isEqualTo("backfill");
        assertThat(exists(duplicate)).isFalse();
        assertThat(value(unparseable)).isEqualTo("call the office");
        assertThat(origin(unparseable)).isEqualTo("user");
        assertThat(origin(alreadyE164)).isEqualTo("user");
        assertThat(origin(firstOfPair)).isEqualTo("user");
        assertThat(value(otherAccountPhone)).as("another account is out of scope").isEqualTo("06 11 11 11 11");
    }

    @Test
    void aSecondRunChangesNothing() {
        db.run(account, BackfillKind.PHONE_E164, false, 3);
        String after = db.dump("contact_fields");
        BackfillRun second = db.run(account, BackfillKind.PHONE_E164, false, 3);
        assertThat(second.changed()).isZero();
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(second.failed()).isEqualTo(1);
        assertThat(db.dump("contact_fields")).isEqualTo(after);
    }

    @Test
    void aRepeatedBatchIsNotAppliedTwice() {
        UUID id = db.newBackfill(account, BackfillKind.PHONE_E164, false, 2);
        BatchRequest first = new BatchRequest(id.toString(), PhoneE164Step.NAME, null);
        BatchResult once = db.activities.runBatch(first);
        BatchResult again = db.activities.runBatch(first);
        assertThat(again.cursor()).isEqualTo(once.cursor());
        assertThat(again.scanned()).isEqualTo(once.scanned()).isEqualTo(2);
        BackfillRun stored = db.runs.find(null, id).orElseThrow();
        assertThat(stored.batches()).isEqualTo(1);
        assertThat(stored.scanned()).isEqualTo(2);
    }

    @Test
    void anAdminBackfillCoversEveryAccount() {
        BackfillRun all = db.run(null, BackfillKind.PHONE_E164, false, 100);
        assertThat(all.scanned()).isEqualTo(6);
        assertThat(value(otherAccountPhone)).isEqualTo("+33611111111");
    }

    /**
     * Phones the old rule stored as E.164 because they were merely <em>possible</em> under the default region US (a
     * German, an Australian and a French national number read as American): the dry run reports them as reverted,
     * the real run puts their raw text back, a second run changes nothing.
     */
    @Test
    void valuesStoredByTheOldRuleAreRevertedToTheirRawText() {
        UUID us = Jdbc.newAccount(db.jdbc, "Old rule", "US");
        long anna = db.contact(us, "Anna");
        long german = db.phone(us, anna, "+10304488791", "030 4488791");
        long australian = db.phone(us, anna, "+10414406995", "0414 406 995");
        long french = db.phone(us, db.contact(us, "Luc"), "+10155364022", " 01 55 36 40 22 ");
        long american = db.phone(us, anna, "+12015550123", "(201) 555-0123");
        long berlin = db.phone(us, anna, "+4930123456", "+49 30 123456");

        String before = db.dump("contact_fields");
        BackfillRun dry = db.run(us, BackfillKind.PHONE_E164, true, 2);
        assertThat(db.dump("contact_fields")).isEqualTo(before);
        assertThat(stepCounts(dry)).containsEntry("reverted", 3).containsEntry("normalised", 0);
        assertThat(List.of(dry.scanned(), dry.changed(), dry.unchanged(), dry.failed()))
                .containsExactly(5L, 3L, 2L, 0L);

        BackfillRun real = db.run(us, BackfillKind.PHONE_E164, false, 2);
        assertThat(real.report()).isEqualTo(dry.report());
        assertThat(value(german)).isEqualTo("030 4488791");
        assertThat(value(australian)).isEqualTo("0414 406 995");
        assertThat(value(french)).isEqualTo("01 55 36 40 22");
        assertThat(origin(german)).isEqualTo("backfill");
        assertThat(value(american)).isEqualTo("+12015550123");
        assertThat(value(berlin)).isEqualTo("+4930123456");
        assertThat(origin(american)).isEqualTo("user");

        String healed = db.dump("contact_fields");
        BackfillRun second = db.run(us, BackfillKind.PHONE_E164, false, 2);
        assertThat(second.changed()).isZero();
        assertThat(stepCounts(second)).containsEntry("reverted", 0);
        assertThat(second.failed()).as("raw text that is not a valid number under US").isEqualTo(3);
        assertThat(db.dump("contact_fields")).isEqualTo(healed);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stepCounts(BackfillRun run) {
        return (Map<String, Object>) ((Map<String, Object>) run.report().get("steps")).get(PhoneE164Step.NAME);
    }

    private String value(long id) {
        return db.jdbc.sql("SELECT value FROM contact_fields WHERE id = ?").param(id).query(String.class).single();
    }

    private String origin(long id) {
        return db.jdbc.sql("SELECT origin FROM contact_fields WHERE id = ?").param(id).query(String.class).single();
    }

    private boolean exists(long id) {
        return db.jdbc.sql("SELECT EXISTS (SELECT 1 FROM contact_fields WHERE id = ?)").param(id)
                .query(Boolean.class).single();
    }
}
