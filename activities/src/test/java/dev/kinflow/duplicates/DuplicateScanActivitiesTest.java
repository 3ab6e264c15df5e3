package dev.kinflow.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.contacts.ContactDraft;
import dev.kinflow.contacts.ContactDraft.AddressDraft;
import dev.kinflow.contacts.ContactDraft.FieldDraft;
import dev.kinflow.contacts.ContactRepository;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

class DuplicateScanActivitiesTest {

    static JdbcClient jdbc;
    static ContactRepository contacts;
    static TestActivityEnvironment env;
    static DuplicateScanActivities activities;
    static DuplicateScanActivitiesImpl implementation;

    static final LocalDate BIRTHDAY = LocalDate.of(1990, 4, 1);

    UUID account;

    @BeforeAll
    static void setUp() {
        DataSource ds = TestDatabase.fresh().dataSource();
        jdbc = Jdbc.client(ds);
        contacts = new ContactRepository(jdbc, Jdbc.JSON);
        env = TestActivityEnvironment.newInstance();
        implementation = new DuplicateScanActivitiesImpl(
                new DuplicateScanRepository(jdbc, new DataSourceTransactionManager(ds), Jdbc.JSON));
        env.registerActivitiesImplementations(implementation);
        activities = env.newActivityStub(DuplicateScanActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1)).build());
    }

    @AfterAll
    static void tearDown() {
        env.close();
    }

    @BeforeEach
    void account() {
        account = Jdbc.newAccount(jdbc, "Scan", "FR");
    }

    @Test
    void eachSignalFindsItsPairAndExplainsItWhileHardNegativesStayOut() {
        long emailA = add("Ann", "Lee", List.of("ann.lee@example.org"), List.of(), null);
        long emailB = add("Annie", "Different", List.of("  ANN.Lee@Example.ORG "), List.of(), null);
        long phoneA = add("Paul", "Martin", List.of(), List.of("+33 6 12 34 56 78"), null);
        long phoneB = add("Pierre", "Autre", List.of(), List.of("06.12.34.56.78"), null);
        add("Junk", "One", List.of(), List.of("N/A", "+"), null);
        add("Other", "Person", List.of(), List.of("N/A", "+"), null);
        long addressA = add("Robert", "Brown", List.of(), List.of(), new AddressDraft("12 Main St.", null, "Paris",
                null, "75001", "FR"));
        long addressB = add("Bob", "Brown", List.of(), List.of(), new AddressDraft("12  main  street", null, null,
                null, "75 001", null));
        add("John", "Smith", List.of(), List.of(), new AddressDraft("3 Rue Haute", null, null, null, "69001", null));
        add("Mary", "Smith", List.of(), List.of(), new AddressDraft("3 rue haute", null, null, null, "69001", null));
        long nameA = add("Zoë", "Ångström", List.of(), List.of(), null, BIRTHDAY);
        long nameB = add("angstrom", "zoe", List.of(), List.of(), null, BIRTHDAY);
        add("Zoe", "Angstrom", List.of(), List.of(), null);
        add("Lena", "Angstrom", List.of(), List.of(), null, BIRTHDAY);
        add("James", "Wilson", List.of("james.w@example.org"), List.of(), null);
        add("James", "Wilson", List.of("jwilson@example.com"), List.of(), null);

        DuplicateScanResult result = scan(false);

        Map<String, String> found = candidates();
        assertThat(found).containsOnlyKeys(pair(emailA, emailB), pair(phoneA, phoneB), pair(addressA, addressB),
                pair(nameA, nameB));
        assertThat(found.get(pair(emailA, emailB))).contains("\"signal\": \"email\"", "ann.lee@example.org");
        assertThat(found.get(pair(phoneA, phoneB))).contains("\"signal\": \"phone\"", "+33612345678");
        assertThat(found.get(pair(addressA, addressB))).contains("\"signal\": \"address\"", "12 main street|75001",
                "\"signal\": \"name\"");
        assertThat(found.get(pair(nameA, nameB))).contains("\"signal\": \"name\"", "zoe angstrom",
                "\"signal\": \"birthdate\"");
        assertThat(score(emailA, emailB)).isGreaterThanOrEqualTo(DuplicateScorer.EMAIL);
        assertThat(score(phoneA, phoneB)).isGreaterThanOrEqualTo(DuplicateScorer.PHONE);
        assertThat(result.contactsScanned()).isEqualTo(16);
        assertThat(result.candidates()).isEqualTo(4);
    }

    @Test
    void rescansUpdateInPlaceNeverDuplicateAndNeverResurrectADismissedPair() {
        long a = add("Ada", "Lovelace", List.of("ada@example.org"), List.of(), null);
        long b = add("Ada", "Lovelace", List.of("ADA@example.org"), List.of(), null);
        long c = add("Charles", "Babbage", List.of("cb@example.org"), List.of(), null);
        long d = add("Charles", "Babage", List.of("CB@example.org"), List.of(), null);
        scan(true);
        Map<String, String> first = candidateIds();
        assertThat(first).containsOnlyKeys(pair(a, b), pair(c, d));

        DuplicateScanResult again = scan(true);
        assertThat(again.candidates()).isZero();
        assertThat(candidateIds()).isEqualTo(first);

        jdbc.sql("UPDATE duplicate_candidates SET status = 'dismissed' WHERE contact_a = ? AND contact_b = ?")
                .params(Math.min(c, d), Math.max(c, d)).update();
        double before = score(a, b);
        jdbc.sql("INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value) VALUES "
                + "(?, ?, 'phone', '+33600000001', '06 00 00 00 01'), (?, ?, 'phone', '+33600000001', '0600000001')")
                .params(account, a, account, b).update();
        jdbc.sql("UPDATE contacts SET updated_at = now() WHERE id IN (?, ?)").params(c, d).update();

        DuplicateScanResult incremental = scan(false);

        assertThat(incremental.contactsScanned()).isEqualTo(4);
        assertThat(candidateIds()).isEqualTo(first);
        assertThat(score(a, b)).isGreaterThan(before);
        assertThat(candidates().get(pair(a, b))).contains("+33600000001");
        assertThat(jdbc.sql("SELECT status FROM duplicate_candidates WHERE contact_a = ? AND contact_b = ?")
                .params(Math.min(c, d), Math.max(c, d)).query(String.class).single()).isEqualTo("dismissed");
    }

    @Test
    void anIncrementalScanComparesOnlyWhatChangedSinceThePreviousScanAgainstEveryone() {
        long old = add("Grace", "Hopper", List.of("grace@example.org"), List.of(), null);
        add("Alan", "Turing", List.of(), List.of(), null);
        assertThat(scan(false).contactsScanned()).isEqualTo(2);
        jdbc.sql("UPDATE duplicate_scan_state SET watermark = now() + interval '1 hour' WHERE account_id = ?")
                .param(account).update();
        jdbc.sql("UPDATE contacts SET updated_at = now() - interval '1 day' WHERE account_id = ?").param(account)
                .update();
        jdbc.sql("UPDATE contact_fields SET updated_at = now() - interval '1 day' WHERE account_id = ?").param(account)
                .update();
        jdbc.sql("UPDATE duplicate_scan_state SET watermark = now() - interval '1 minute' WHERE account_id = ?")
                .param(account).update();
        long fresh = add("G.", "Hopper", List.of("Grace@Example.org"), List.of(), null);

        DuplicateScanResult result = scan(false);

        assertThat(result.contactsScanned()).isEqualTo(1);
        assertThat(candidates()).containsOnlyKeys(pair(old, fresh));
    }

    @Test
    void aRetriedChunkResumesAfterItsLastHeartbeatAndItsRewritesChangeNothing() {
        long a = add("Ada", "Lovelace", List.of("ada@example.org"), List.of(), null);
        long b = add("Ada", "Byron", List.of("ADA@example.org"), List.of(), null);
        long c = add("Other", "One", List.of(), List.of(), null);
        ScanPlan plan = activities.planScan(new ScanPlanRequest(account.toString(), true));
        ScanChunkResult firstTry = activities.scanChunk(new ScanChunk(account.toString(), plan.since(), 0, 100));
        assertThat(firstTry).isEqualTo(new ScanChunkResult(c, 3, 1, true));
        Map<String, String> before = candidateIds();

        TestActivityEnvironment retry = TestActivityEnvironment.newInstance();
        ScanChunkResult retried;
        try {
            retry.registerActivitiesImplementations(implementation);
            retry.setHeartbeatDetails(new long[] {a, 1, 1});
            retried = retry.newActivityStub(DuplicateScanActivities.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(1)).build())
                    .scanChunk(new ScanChunk(account.toString(), plan.since(), 0, 100));
        } finally {
            retry.close();
        }

        assertThat(retried).as("resumed after contact a, nothing new written").isEqualTo(new ScanChunkResult(c, 3, 1, true));
        assertThat(candidateIds()).isEqualTo(before).containsOnlyKeys(pair(a, b));
    }

    @Test
    void twoThousandContactsSharingOneSwitchboardPhoneMakeNoPairsFromItButRealDuplicatesAreStillFound() {
        List<ContactDraft> office = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            office.add(new ContactDraft("Person" + i, "Staff" + (i * 7919 % 2_000), null, "ACME", null, null,
                    List.of(new FieldDraft("person" + i + "@acme.example", null)),
                    List.of(new FieldDraft("+33 1 23 45 67 89", "work")), List.of(), List.of()));
        }
        List<Long> ids = contacts.insertAll(account, "FR", office, "user");
        long annA = add("Ann", "Lee", List.of("ann.lee@example.org"), List.of("+33 1 23 45 67 89"), null);
        long annB = add("Annie", "Lee", List.of("ANN.LEE@example.org"), List.of("+33 1 23 45 67 89"), null);

        long started = System.nanoTime();
        DuplicateScanResult result = ScanDriver.scan(activities, account.toString(), true, 500);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(ids).hasSize(2_000);
        assertThat(result.contactsScanned()).isEqualTo(2_002);
        assertThat(candidates()).as("only the real duplicate, found through its email").containsOnlyKeys(
                pair(annA, annB));
        assertThat(candidates().get(pair(annA, annB))).contains("email").doesNotContain("phone");
        assertThat(result.skippedKeys()).containsExactly(new SkippedKey("phone", 2_002));
        assertThat(result.toString()).doesNotContain("+33123456789");
        assertThat(millis).as("bounded: each key probe reads at most 50 rows").isLessThan(60_000);

        long newcomer = add("New", "Hire", List.of("new.hire@acme.example"), List.of("+33 1 23 45 67 89"), null);
        DuplicateScanResult incremental = ScanDriver.scan(activities, account.toString(), false, 500);
        assertThat(incremental.skippedKeys()).as("reported from the changed contact's keys")
                .containsExactly(new SkippedKey("phone", 2_003));
        assertThat(candidates()).containsOnlyKeys(pair(annA, annB)).doesNotContainKey(pair(newcomer, annA));
    }

    @Test
    void aKeySharedByFiftyContactsStillPairsThemAndOneMoreContactStopsIt() {
        List<ContactDraft> sharing = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sharing.add(new ContactDraft("Name" + i, "Family" + i, null, null, null, null, List.of(),
                    List.of(new FieldDraft("+33 4 11 22 33 44", null)), List.of(), List.of()));
        }
        contacts.insertAll(account, "FR", sharing, "user");
        DuplicateScanResult fifty = ScanDriver.scan(activities, account.toString(), true, 100);
        assertThat(candidates()).hasSize(50 * 49 / 2);
        assertThat(fifty.skippedKeys()).isEmpty();

        add("Name50", "Family50", List.of(), List.of("+33 4 11 22 33 44"), null);
        DuplicateScanResult fiftyOne = ScanDriver.scan(activities, account.toString(), true, 100);
        assertThat(candidates()).as("no pending pair from a key shared by 51 contacts").isEmpty();
        assertThat(fiftyOne.skippedKeys()).containsExactly(new SkippedKey("phone", 51));
    }

    private DuplicateScanResult scan(boolean full) {
        return ScanDriver.scan(activities, account.toString(), full, 3);
    }

    private long add(String first, String last, List<String> emails, List<String> phones, AddressDraft address) {
        return add(first, last, emails, phones, address, null);
    }

    private long add(String first, String last, List<String> emails, List<String> phones, AddressDraft address,
                     LocalDate birthdate) {
        return contacts.insertAll(account, "FR", List.of(new ContactDraft(first, last, null, null, null, birthdate,
                emails.stream().map(e -> new FieldDraft(e, null)).toList(),
                phones.stream().map(p -> new FieldDraft(p, null)).toList(),
                address == null ? List.of() : List.of(address), List.of())), "user").getFirst();
    }

    private static String pair(long x, long y) {
        return Math.min(x, y) + "-" + Math.max(x, y);
    }

    private Map<String, String> candidates() {
        return rows("CAST(reasons AS text)");
    }

    private Map<String, String> candidateIds() {
        return rows("CAST(id AS text)");
    }

    private Map<String, String> rows(String value) {
        Map<String, String> rows = new java.util.TreeMap<>();
        jdbc.sql("SELECT contact_a || '-' || contact_b AS pair, " + value + " AS v FROM duplicate_candidates "
                        + "WHERE account_id = ?")
                .param(account).query((org.springframework.jdbc.core.RowCallbackHandler) rs ->
                        rows.put(rs.getString("pair"), rs.getString("v")));
        return rows;
    }

    private double score(long x, long y) {
        return jdbc.sql("SELECT score FROM duplicate_candidates WHERE contact_a = ? AND contact_b = ?")
                .params(Math.min(x, y), Math.max(x, y)).query(Double.class).single();
    }
}
