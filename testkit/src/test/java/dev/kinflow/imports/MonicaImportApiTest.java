package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import java.util.List;
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
    }
}
