package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testkit.imports.RequestLowerBound;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MonicaImportApiTest extends MonicaImportTestBase {

    @Test
    void everyListedContactIsImportedExactlyOnceDespiteListingDriftWithinTheRateLimit() {
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(1000)).driftRate(0.017).rateLimitPerMinute(60);
        TestAccount account = newAccount("Drift", "FR");

        var view = runImport(account, monica, options(false, false, 55));

        assertThat(view.json("status").asString()).as(view.raw()).isEqualTo("completed");
        var coverage = view.json("summary").path("coverageBackfill");
        assertThat(coverage.path("gapDetected").asBoolean()).isTrue();
        assertThat(coverage.path("unresolvedGap").asLong()).isZero();
        List<Long> imported = importedMonicaIds(account);
        assertThat(imported).doesNotHaveDuplicates().containsAll(monica.listedIds());
        List<Long> archived = monica.data().all().stream().filter(c -> !c.active).map(c -> c.id).toList();
        assertThat(archived).isNotEmpty();
        assertThat(imported).doesNotContainAnyElementsOf(archived);
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = CAST(? AS uuid) AND NOT is_partial",
                account.id())).isEqualTo(imported.size());
        assertThat(monica.maxRequestsInAnyWindow(TOKEN, 60_000)).isLessThanOrEqualTo(55);
        assertThat(monica.requests()).noneMatch(r -> r.status() == 429);
        assertThat(count("SELECT count(*) FROM credentials WHERE account_id = CAST(? AS uuid)", account.id())).isZero();
        long[] phones = assertOnlyValidPhonesAreE164(account, "FR");
        assertThat(phones[0]).as("valid numbers stored as E.164").isPositive();
        assertThat(phones[1]).as("other countries' national numbers kept as written").isPositive();
    }

    /**
     * Issue #18: extra data through the account-wide listings, which drift like the contact listing (the notes
     * listing, among others, silently drops items at page boundaries); the per-contact fallback recovers exactly what
     * the statistics say is missing, and the whole import stays within 1.25 times the fewest requests possible.
     */
    @Test
    void extraDataArrivesExactlyOnceThroughDriftingListingsWithinAQuarterOverTheFewestRequests() {
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(1000)).driftRate(0.017);
        TestAccount account = newAccount("Listings", "FR");

        var view = runImport(account, monica, options(true, true, 600));

        assertThat(view.json("status").asString()).as(view.raw()).isEqualTo("completed");
        List<Long> imported = importedMonicaIds(account);
        assertThat(imported).doesNotHaveDuplicates().containsAll(monica.listedIds());
        Set<Long> importedIds = Set.copyOf(imported);
        for (String[] kind : new String[][]{{"note", "notes"}, {"activity", "contact_activities"},
                {"reminder", "reminders"}, {"task", "tasks"}}) {
            List<String> expected = new ArrayList<>();
            for (MonicaDataset.Contact c : monica.data().all()) {
                if (importedIds.contains(c.id)) {
                    items(c, kind[0]).forEach(item -> expected.add(item.id() + "@" + c.id));
                }
            }
            assertThat(expected).as(kind[0]).isNotEmpty();
            List<String> stored = jdbc.sql("""
                            SELECT r.source_id || '@' || cr.source_id FROM import_records r
                            JOIN %s t ON t.id = r.target_id
                            JOIN import_records cr ON cr.account_id = r.account_id AND cr.source = r.source
                                 AND cr.source_type = 'contact' AND cr.contact_id = t.contact_id
                            WHERE r.account_id = CAST(? AS uuid) AND r.source_type = ?""".formatted(kind[1]))
                    .params(account.id(), kind[0]).query(String.class).list();
            assertThat(stored).as("every %s of every imported contact, on its contact, once", kind[0])
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(count("SELECT count(*) FROM " + kind[1] + " WHERE account_id = CAST(? AS uuid)", account.id()))
                    .isEqualTo(expected.size());
        }

        var extra = view.json("summary").path("extraData");
        assertThat(extra.path("missing").asLong()).as(view.raw()).isZero();
        assertThat(extra.path("perContactFallbacks").asLong()).isPositive();
        long ofArchived = monica.data().all().stream().filter(c -> !c.active)
                .mapToLong(c -> c.notes.size() + c.activities.size() + c.reminders.size() + c.tasks.size()).sum();
        assertThat(ofArchived).isPositive();
        long listedItems = extra.path("listed").asLong();
        assertThat(extra.path("skipped").asLong()).isPositive().isLessThanOrEqualTo(ofArchived);
        assertThat(listedItems).isPositive();
        // the notes listing dropped items at its page boundaries, which the contacts' own lists recovered
        assertThat(monica.requests()).anyMatch(r -> r.path().matches("/api/contacts/\\d+/notes.*"));
        assertThat(monica.requests()).anyMatch(r -> r.path().startsWith("/api/notes?"));

        RequestLowerBound bound = RequestLowerBound.of(monica, jdbc, UUID.fromString(account.id()), true, true);
        // the import's own requests: all but the API's pre-flight check of the token (GET /api/me)
        long requests = monica.requests().stream().filter(r -> !r.path().startsWith("/api/me")).count();
        assertThat(view.json("summary").path("requests").path("total").asLong()).isEqualTo(requests);
        Map<String, Long> byKind = monica.requests().stream().collect(java.util.stream.Collectors.groupingBy(
                r -> r.path().replaceAll("\\?.*", "").replaceAll("\\d+", "{id}"), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
        assertThat((double) requests).as("%d requests %s against the lower bound %s = %d", requests, byKind, bound,
                bound.total()).isLessThanOrEqualTo(1.25 * bound.total());
    }

    private static List<MonicaDataset.Item> items(MonicaDataset.Contact c, String kind) {
        return switch (kind) {
            case "note" -> c.notes;
            case "activity" -> c.activities;
            case "reminder" -> c.reminders;
            default -> c.tasks;
        };
    }

    @Test
    void autoMergeJoinsEveryPlantedDuplicateAndTheImportEndsByRunningTheDuplicateScan() {
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(300).plain());
        TestAccount account = newAccount("AutoMerge", "FR");
        Map<String, Object> options = options(false, false, 600);
        options.put("autoMerge", true);

        var view = runImport(account, monica, options);

        assertThat(view.json("status").asString()).as(view.raw()).isEqualTo("completed");
        List<MonicaDataset.Contact> planted = monica.data().all().stream()
                .filter(c -> c.duplicateOf != null && hasEmailOrPhone(monica.data().contact(c.duplicateOf))).toList();
        assertThat(planted).isNotEmpty();
        for (MonicaDataset.Contact copy : planted) {
            assertThat(liveContactOf(account, copy.id)).as("Monica contact %d", copy.id)
                    .isEqualTo(liveContactOf(account, copy.duplicateOf));
        }
        var merged = view.json("summary").path("autoMerged");
        assertThat(merged.path("merged").asLong()).isGreaterThanOrEqualTo(planted.size());
        assertThat(count("SELECT count(*) FROM merges WHERE account_id = CAST(? AS uuid) AND actor = 'import'",
                account.id())).isEqualTo(merged.path("merged").asLong());

        String scan = view.json("summary").path("duplicateScan").asString();
        assertThat(scan).isEqualTo("duplicate-scan-" + account.id());
        awaitWorkflow(scan);
        assertThat(jdbc.sql("SELECT status FROM job_runs WHERE workflow_id = ? ORDER BY created_at DESC LIMIT 1")
                .param(scan).query(String.class).single()).isEqualTo("completed");
    }

    private static boolean hasEmailOrPhone(MonicaDataset.Contact contact) {
        return contact.fields.stream().anyMatch(f -> "email".equals(f.type()) || "phone".equals(f.type()));
    }

    /** The live Kinflow contact a Monica contact ended up in: its own, or the survivor it was merged into. */
    private long liveContactOf(TestAccount account, long monicaId) {
        return jdbc.sql("""
                        SELECT coalesce(c.merged_into, c.id) FROM import_records r JOIN contacts c ON c.id = r.contact_id
                        WHERE r.account_id = CAST(? AS uuid) AND r.source_type = 'contact' AND r.source_id = ?""")
                .params(account.id(), String.valueOf(monicaId)).query(Long.class).single();
    }
}
