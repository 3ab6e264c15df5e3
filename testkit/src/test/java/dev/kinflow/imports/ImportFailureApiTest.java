package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.testing.ApiClient;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.FakeMonicaServer.Fault;
import dev.kinflow.testkit.monica.MonicaDataset;
import io.temporal.client.WorkflowFailedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When Monica is not there or not willing, a user learns why from the REST API alone: the pre-flight check answers
 * 422 naming the cause before anything is stored, a run that loses Monica shows {@code waiting} with the retry and
 * ends with a readable {@code error}, and a failed import can be retried with the same options.
 */
class ImportFailureApiTest extends MonicaImportTestBase {

    private static final Logger log = LoggerFactory.getLogger(ImportFailureApiTest.class);

    @Test
    void preflightAnswers422NamingTheCauseAndStoresNothing() {
        TestAccount account = newAccount("Preflight", "FR");
        FakeMonica500 broken = new FakeMonica500(fakeMonica(MonicaDataset.Spec.of(10).plain()));
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(10).plain());

        long started = System.nanoTime();
        ApiClient.Response dead = post(account, "http://127.0.0.1:1", TOKEN);
        long deadMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        log.info("Pre-flight: POST /api/imports with a dead URL answered {} in {} ms", dead.status(), deadMillis);

        assertPreflight(dead, "MonicaUnreachable", "baseUrl", "connection refused (127.0.0.1:1)");
        assertThat(deadMillis).isLessThan(10_000);
        assertPreflight(post(account, "http://monica.kinflow.invalid", TOKEN), "MonicaUnknownHost", "baseUrl",
                "unknown host monica.kinflow.invalid");
        assertPreflight(post(account, monica.baseUrl(), "not-the-token"), "MonicaTokenRejected", "apiToken",
                "HTTP 401");
        assertPreflight(post(account, broken.server().baseUrl(), TOKEN), "MonicaServerError", "baseUrl", "HTTP 500");

        assertThat(count("SELECT count(*) FROM credentials WHERE account_id = CAST(? AS uuid)", account.id())).isZero();
        assertThat(count("SELECT count(*) FROM job_runs WHERE account_id = CAST(? AS uuid) AND kind = 'import'",
                account.id())).isZero();
    }

    @Test
    void aMonicaThatStopsAnsweringMidListingShowsWaitingThenEndsWithAReadableError() {
        TestAccount account = newAccount("Gone", "FR");
        // the pre-flight request and listing page 1 are answered, then the server goes away
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(1000).plain()).stopAnsweringAfter(2);

        long started = System.nanoTime();
        ApiClient.Response accepted = start(account, monica, options(false, false, 600));
        String importPath = "/api/imports/" + accepted.json("id").asString();
        AtomicReference<ApiClient.Response> waiting = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            ApiClient.Response view = api.get(importPath, account.apiKey());
            assertThat(view.json("progress").path("phase").asString()).isNotEqualTo("starting");
            waiting.set(view);
            return !view.json("waiting").isNull() || !view.json("status").asString().equals("running");
        });
        log.info("Monica gone mid-listing: waiting with its reason visible {} ms after POST /api/imports",
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        ApiClient.Response seen = waiting.get();
        assertThat(seen.json("status").asString()).as(seen.raw()).isEqualTo("running");
        assertThat(seen.json("progress").path("phase").asString()).isEqualTo("listing");
        assertThat(seen.json("waiting").path("reason").asString()).startsWith("Monica unreachable (")
                .contains(", retry 2 of 10 at ").contains("(listing page ");
        assertThat(seen.json("waiting").path("until").asString()).isNotBlank();
        assertThat(seen.json("progress").path("waiting").path("reason").asString())
                .isEqualTo(seen.json("waiting").path("reason").asString());

        try {
            awaitWorkflow(accepted.json("workflowId").asString());
        } catch (WorkflowFailedException expected) {
            // the import fails: asserted through the REST view below
        }
        ApiClient.Response failed = api.get(importPath, account.apiKey());
        assertThat(failed.json("status").asString()).as(failed.raw()).isEqualTo("failed");
        var error = failed.json("error");
        assertThat(error.path("type").asString()).isEqualTo("MonicaUnreachable");
        assertThat(error.path("message").asString()).isEqualTo("Monica unreachable (connection refused ("
                + monica.baseUrl().substring("http://".length()) + "))");
        assertThat(error.path("step").asString()).matches("listing page \\d+");
        assertThat(error.path("attempts").asInt()).isEqualTo(10);
        assertThat(error.path("at").asString()).isNotBlank();
        assertThat(failed.json("waiting").isNull()).isTrue();
        assertThat(failed.raw()).doesNotContain(TOKEN);
        ApiClient.Response job = api.get("/api/jobs/" + accepted.json("jobId").asString(), account.apiKey());
        assertThat(job.json("error")).isEqualTo(error);
        assertThat(count("SELECT count(*) FROM credentials WHERE account_id = CAST(? AS uuid)", account.id())).isZero();

        ApiClient.Response retryWhileGone = api.post(importPath + "/retry", account.apiKey(), Map.of("apiToken", TOKEN));
        assertPreflight(retryWhileGone, "MonicaUnreachable", "baseUrl", "connection refused");
    }

    @Test
    void aFailedImportIsRetriedWithTheSameOptionsAsANewLinkedJob() {
        TestAccount account = newAccount("Retry", "FR");
        Fault[] resets = new Fault[ContactImportWorkflowImpl.PAGE_ATTEMPTS];
        Arrays.fill(resets, Fault.CONNECTION_RESET);
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(120).plain()).inject("/api/contacts", resets);
        Map<String, Object> options = options(false, false, 600);
        options.put("defaultRegion", "DE");

        ApiClient.Response first = start(account, monica, options);
        String firstPath = "/api/imports/" + first.json("id").asString();
        try {
            awaitWorkflow(first.json("workflowId").asString());
        } catch (WorkflowFailedException expected) {
            // asserted below
        }
        ApiClient.Response failed = api.get(firstPath, account.apiKey());
        assertThat(failed.json("status").asString()).as(failed.raw()).isEqualTo("failed");
        assertThat(failed.json("error").path("type").asString()).isEqualTo("MonicaUnreachable");
        assertThat(failed.json("error").path("step").asString()).isEqualTo("listing page 1");

        assertThat(api.post(firstPath + "/retry", account.apiKey(), Map.of("apiToken", " ")).status()).isEqualTo(400);
        ApiClient.Response retried = api.post(firstPath + "/retry", account.apiKey(), Map.of("apiToken", TOKEN));
        assertThat(retried.status()).as(retried.raw()).isEqualTo(202);
        assertThat(retried.json("retryOf").asString()).isEqualTo(first.json("id").asString());
        awaitWorkflow(retried.json("workflowId").asString());

        ApiClient.Response second = api.get("/api/imports/" + retried.json("id").asString(), account.apiKey());
        assertThat(second.json("status").asString()).as(second.raw()).isEqualTo("completed");
        assertThat(second.json("retryOf").asString()).isEqualTo(first.json("id").asString());
        assertThat(second.json("options")).isEqualTo(failed.json("options"));
        assertThat(second.json("options").path("defaultRegion").asString()).isEqualTo("DE");
        assertThat(api.get("/api/jobs/" + retried.json("jobId").asString(), account.apiKey()).json("retryOf")
                .asString()).isEqualTo(first.json("jobId").asString());
        assertThat(api.post("/api/imports/" + retried.json("id").asString() + "/retry", account.apiKey(),
                Map.of("apiToken", TOKEN)).status()).isEqualTo(409);
    }

    /** A Monica that answers HTTP 500 to everything. */
    private record FakeMonica500(FakeMonicaServer server) {
        FakeMonica500 {
            server.randomFaults(1.0, Fault.MONICA_500);
        }
    }

    private ApiClient.Response post(TestAccount account, String baseUrl, String token) {
        return api.post("/api/imports", account.apiKey(), Map.of("source", "monica", "baseUrl", baseUrl,
                "apiToken", token, "options", options(false, false, 600)));
    }

    private static void assertPreflight(ApiClient.Response response, String cause, String field, String message) {
        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json("cause").asString()).isEqualTo(cause);
        assertThat(response.json("detail").asString()).contains(message);
        assertThat(response.json("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(response.raw()).doesNotContain(TOKEN);
    }
}
