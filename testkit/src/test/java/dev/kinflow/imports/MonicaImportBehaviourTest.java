package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.FakeMonicaServer.Fault;
import dev.kinflow.testkit.monica.MonicaDataset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Import behaviour end to end. The cancel test runs last: after it, the shared test server stopped skipping time for
 * later imports of the same JVM (suspected: a live-progress query interrupted by its timeout while the time lock is
 * held), so it is ordered after every test that waits on skipped time.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonicaImportBehaviourTest extends MonicaImportTestBase {

    @Test
    void reImportingUnchangedDataWritesNothingAndUserEditsSurviveAChangedContact() {
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(300));
        TestAccount account = newAccount("Reimport", "FR");
        var first = runImport(account, monica, options(false, true, 600));
        long created = first.json("summary").path("contacts").path("created").asLong();
        assertThat(created).isEqualTo(monica.listedIds().size());
        String before = snapshot(account);

        var second = runImport(account, monica, options(false, true, 600));

        var contacts = second.json("summary").path("contacts");
        assertThat(contacts.path("created").asLong()).isZero();
        assertThat(contacts.path("updated").asLong()).isZero();
        assertThat(contacts.path("unchanged").asLong()).isEqualTo(created);
        assertThat(snapshot(account)).isEqualTo(before);
        assertThat(second.json("summary").path("extraData").path("missing").asLong()).isZero();
        assertThat(second.json("summary").path("extraData").path("listed").asLong()).isPositive();

        long edited = monica.listedIds().get(5);
        long changed = monica.listedIds().get(6);
        long kinflowId = contactOf(account, edited);
        assertThat(api.patch("/api/contacts/" + kinflowId, account.apiKey(),
                Map.of("firstName", "EditedByUser", "emails", List.of(Map.of("value", "mine@example.org"))))
                .status()).isEqualTo(200);
        monica.data().contact(edited).lastName = "ChangedInMonica";
        monica.data().contact(changed).lastName = "AlsoChanged";

        var third = runImport(account, monica, options(false, false, 600));

        assertThat(third.json("summary").path("contacts").path("updated").asLong()).isEqualTo(2);
        var user = api.get("/api/contacts/" + kinflowId, account.apiKey());
        assertThat(user.json("firstName").asString()).isEqualTo("EditedByUser");
        assertThat(user.json("emails").toString()).contains("mine@example.org");
        assertThat(api.get("/api/contacts/" + contactOf(account, changed), account.apiKey()).json("lastName")
                .asString()).isEqualTo("AlsoChanged");
    }

    @Test
    void faultsAreSurvivedWithNothingLostOrDuplicated() {
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(500)).rateLimitPerMinute(60)
                .inject("/api/contacts", Fault.RATE_LIMITED, Fault.MONICA_500, Fault.TRUNCATED_BODY,
                        Fault.EMPTY_PAGE)
                .inject("/api/contacts/", Fault.CONNECTION_RESET, Fault.HTML_502, Fault.LARAVEL_500)
                .inject("/api/photos", Fault.MAINTENANCE_503, Fault.HTML_504)
                .randomFaults(0.05, Fault.MONICA_500, Fault.TRUNCATED_BODY, Fault.RATE_LIMITED);
        TestAccount account = newAccount("Faults", "FR");

        var view = runImport(account, monica, options(true, false, 55));

        assertThat(view.json("status").asString()).as(view.raw()).isEqualTo("completed");
        assertThat(importedMonicaIds(account)).doesNotHaveDuplicates().containsAll(monica.listedIds());
        var summary = view.json("summary");
        assertThat(summary.path("requests").path("rateLimited").asLong()).isPositive();
        assertThat(summary.path("requests").path("retried").asLong()).isPositive();
        assertThat(summary.path("requests").path("failedPages").asLong()).isZero();
        assertThat(summary.path("photos").path("status").asString()).isEqualTo("completed");
        long photos = monica.data().photos().size();
        assertThat(summary.path("photos").path("total").asLong()).isEqualTo(photos);
        assertThat(summary.path("photos").path("synced").asLong()).isEqualTo(
                monica.data().photos().stream().filter(p -> p.dataUrl() != null).count());
        assertThat(summary.path("relationships").asLong()).isPositive();
        assertThat(monica.maxRequestsInAnyWindow(TOKEN, 60_000)).isLessThanOrEqualTo(55);
    }

    @Test
    void theTokenAndContactNamesNeverReachHistoriesJobRowsOrLogs(CapturedOutput output) {
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(200).withSeed(9));
        TestAccount account = newAccount("Secrets", "FR");
        var started = start(account, monica, options(true, true, 600));
        String workflowId = started.json("workflowId").asString();
        awaitWorkflow(workflowId);

        List<String> names = monica.data().all().stream().filter(c -> c.lastName != null).limit(50)
                .map(MonicaDataset.Contact::completeName).toList();
        for (String id : List.of(workflowId, workflowId + "/photos")) {
            String history = temporal.getWorkflowClient().fetchHistory(id).toJson(false);
            assertThat(history).doesNotContain(TOKEN);
            names.forEach(name -> assertThat(history).doesNotContain(name));
        }
        String jobRows = jdbc.sql("SELECT string_agg(CAST(params AS text) || CAST(summary AS text) || "
                + "coalesce(CAST(progress AS text), ''), '|') FROM job_runs WHERE account_id = CAST(? AS uuid)")
                .param(account.id()).query(String.class).single();
        assertThat(jobRows).doesNotContain(TOKEN);
        names.forEach(name -> assertThat(jobRows).doesNotContain(name));
        assertThat(output.getAll()).doesNotContain(TOKEN);
        long expectedExtra = monica.data().all().stream().filter(MonicaDataset.Contact::listed)
                .mapToLong(c -> c.notes.size() + c.activities.size() + c.reminders.size() + c.tasks.size()).sum();
        assertThat(api.get("/api/imports/" + started.json("id").asString(), account.apiKey()).json("summary")
                .path("extraItems").asLong()).isEqualTo(expectedExtra);
        assertThat(count("SELECT count(*) FROM notes WHERE account_id = CAST(? AS uuid)", account.id())
                + count("SELECT count(*) FROM contact_activities WHERE account_id = CAST(? AS uuid)", account.id())
                + count("SELECT count(*) FROM reminders WHERE account_id = CAST(? AS uuid)", account.id())
                + count("SELECT count(*) FROM tasks WHERE account_id = CAST(? AS uuid)", account.id()))
                .isEqualTo(expectedExtra);
        assertThat(count("SELECT count(*) FROM credentials WHERE account_id = CAST(? AS uuid)", account.id())).isZero();
    }

    @Test
    void badInputIsRejectedWithEveryFieldAndWritesNothing() {
        TestAccount account = newAccount("Invalid", "FR");
        var response = api.post("/api/imports", account.apiKey(), Map.of("source", "monica",
                "baseUrl", "ftp://monica.example", "apiToken", " ",
                "options", Map.of("requestsPerMinute", 0, "defaultRegion", "XX")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).contains("baseUrl", "apiToken", "options.requestsPerMinute",
                "options.defaultRegion");
        assertThat(api.post("/api/imports", account.apiKey(), Map.of("baseUrl", "https://m.example",
                "apiToken", "t", "options", Map.of("requestsPerMinute", 601))).status()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM credentials WHERE account_id = CAST(? AS uuid)", account.id())).isZero();
        assertThat(count("SELECT count(*) FROM job_runs WHERE account_id = CAST(? AS uuid) AND kind = 'import'",
                account.id())).isZero();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyOptionReachesTheWorkflowAndASecondImportIsRefusedWhileOneRunsThenCancelWorks() {
        FakeMonicaServer monica = fakeMonica(MonicaDataset.Spec.of(3000));
        TestAccount account = newAccount("Options", null);
        Map<String, Object> options = Map.of("photos", false, "autoMerge", true, "extraData", false,
                "defaultRegion", "GB", "requestsPerMinute", 2);
        var started = start(account, monica, options);
        String importId = started.json("id").asString();
        String workflowId = started.json("workflowId").asString();

        var second = api.post("/api/imports", account.apiKey(), Map.of("baseUrl", monica.baseUrl(),
                "apiToken", TOKEN));
        assertThat(second.status()).isEqualTo(409);
        assertThat(count("SELECT count(*) FROM credentials WHERE account_id = CAST(? AS uuid)", account.id()))
                .isEqualTo(1);

        ImportRequest input = temporal.getWorkflowClient().fetchHistory(workflowId).getHistory().getEvents(0)
                .getWorkflowExecutionStartedEventAttributes().getInput().getPayloadsList().stream()
                .map(p -> io.temporal.common.converter.DefaultDataConverter.newDefaultInstance()
                        .fromPayload(p, ImportRequest.class, ImportRequest.class)).findFirst().orElseThrow();
        assertThat(input.options()).isEqualTo(new ImportOptions(false, true, false, "GB", 2));
        assertThat(input.baseUrl()).isEqualTo(monica.baseUrl());

        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/imports/" + importId, account.apiKey())
                .json("progress").path("phase").asString().equals("listing"));
        var live = api.get("/api/imports/" + importId, account.apiKey());
        assertThat(live.json("status").asString()).isEqualTo("running");
        assertThat(live.json("progress").path("text").asString()).startsWith("listing ");

        assertThat(api.post("/api/imports/" + importId + "/cancel", account.apiKey(), Map.of()).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/imports/" + importId, account.apiKey())
                .json("status").asString().equals("cancelled"));
        assertThat(count("SELECT count(*) FROM credentials WHERE account_id = CAST(? AS uuid)", account.id())).isZero();
        assertThat(monica.requests().size()).isLessThan(30);
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = CAST(? AS uuid)", account.id()))
                .isEqualTo(count("SELECT count(*) FROM import_records WHERE account_id = CAST(? AS uuid) "
                        + "AND source_type = 'contact'", account.id()));
        assertThat(api.post("/api/imports/" + importId + "/cancel", account.apiKey(), Map.of()).status())
                .isEqualTo(409);
    }

    private String snapshot(TestAccount account) {
        return jdbc.sql("""
                        SELECT (SELECT string_agg(id || ':' || updated_at, ',' ORDER BY id) FROM contacts
                                WHERE account_id = CAST(:a AS uuid))
                            || (SELECT string_agg(id || ':' || updated_at || ':' || coalesce(content_hash, ''), ','
                                                  ORDER BY id) FROM import_records WHERE account_id = CAST(:a AS uuid))
                            || (SELECT string_agg(id || ':' || updated_at, ',' ORDER BY id) FROM notes
                                WHERE account_id = CAST(:a AS uuid))
                            || (SELECT count(*) || ':' || max(id) FROM contact_activities
                                WHERE account_id = CAST(:a AS uuid))
                            || (SELECT count(*) || ':' || max(id) FROM reminders WHERE account_id = CAST(:a AS uuid))
                            || (SELECT count(*) || ':' || max(id) FROM tasks WHERE account_id = CAST(:a AS uuid))
                            || (SELECT count(*) FROM contact_fields WHERE account_id = CAST(:a AS uuid))
                            || ':' || (SELECT max(id) FROM contact_fields WHERE account_id = CAST(:a AS uuid))""")
                .param("a", account.id()).query(String.class).single();
    }

    private long contactOf(TestAccount account, long monicaId) {
        return jdbc.sql("""
                        SELECT contact_id FROM import_records WHERE account_id = CAST(? AS uuid)
                        AND source_type = 'contact' AND source_id = ?""")
                .params(account.id(), String.valueOf(monicaId)).query(Long.class).single();
    }
}
