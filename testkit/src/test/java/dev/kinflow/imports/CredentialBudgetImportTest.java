package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiClient;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Monica's budget belongs to the credential: imports one after the other, and imports of two accounts running at the
 * same time with the same token, together stay within {@code requestsPerMinute} in any 60 s window as the fake Monica
 * measures it (its own timestamps, on the test server's clock), and Monica never has to answer 429. Kept short with a
 * low limit and small datasets; time skipping makes the waits cost nothing.
 */
class CredentialBudgetImportTest extends MonicaImportTestBase {

    private static final int LIMIT = 5;

    @Autowired
    CredentialStore credentials;

    @Test
    void backToBackThenConcurrentImportsWithOneTokenShareOneBudget() {
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(400).plain()).rateLimitPerMinute(LIMIT)
                .retryAfterSeconds(60);
        TestAccount first = newAccount("Budget first", "US");

        ApiClient.Response one = runImport(first, monica, options(false, false, LIMIT));
        ApiClient.Response two = runImport(first, monica, options(false, false, LIMIT));

        TestAccount left = newAccount("Budget left", "GB");
        TestAccount right = newAccount("Budget right", "FR");
        ApiClient.Response startedLeft = start(left, monica, options(false, false, LIMIT));
        ApiClient.Response startedRight = start(right, monica, options(false, false, LIMIT));
        awaitWorkflow(startedLeft.json("workflowId").asString());
        awaitWorkflow(startedRight.json("workflowId").asString());
        ApiClient.Response three = api.get("/api/imports/" + startedLeft.json("id").asString(), left.apiKey());
        ApiClient.Response four = api.get("/api/imports/" + startedRight.json("id").asString(), right.apiKey());

        for (ApiClient.Response view : new ApiClient.Response[]{one, two, three, four}) {
            assertThat(view.json("status").asString()).as(view.raw()).isEqualTo("completed");
            assertThat(view.json("summary").path("requests").path("rateLimited").asLong()).isZero();
        }
        assertThat(monica.requests()).as("at least 4 imports x 5 requests").hasSizeGreaterThanOrEqualTo(20);
        assertThat(monica.requests()).noneMatch(r -> r.status() == 429);
        assertThat(monica.maxRequestsInAnyWindow(TOKEN, 60_000)).isLessThanOrEqualTo(LIMIT);
        assertThat(two.json("summary").path("requests").path("waitedSeconds").asLong())
                .as("the re-import waited for the budget the first import used").isPositive();
        assertThat(three.json("summary").path("requests").path("waitedSeconds").asLong()
                + four.json("summary").path("requests").path("waitedSeconds").asLong()).isPositive();
        assertThat(count("SELECT count(*) FROM monica_budgets WHERE budget_key = ?",
                MonicaBudgetKey.of(credentials, monica.baseUrl(), TOKEN))).as("the credential's one budget").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM monica_budgets WHERE budget_key LIKE ?", "%" + TOKEN + "%")).isZero();
    }
}
