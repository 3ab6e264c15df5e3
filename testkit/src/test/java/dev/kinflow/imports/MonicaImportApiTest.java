package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import java.util.List;
import java.util.Map;
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
