package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiClient;
import dev.kinflow.testing.ApiTestBase;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * File imports through the whole application: multipart upload, the workflow on real workers against PostgreSQL, the
 * import's view with {@code summary.records}, re-import, and refusals that store nothing.
 */
class FileImportApiTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestWorkflowEnvironment temporal;

    @Test
    void aGoogleCsvImportsReportsBadRowsDeletesTheFileAndAReimportCreatesNothing() throws Exception {
        TestAccount account = newAccount("File import", "FR");
        byte[] file = resource("google-contacts.csv");

        ApiClient.Response started = upload(account, "csv", "contacts.csv", file,
                "{\"tags\":[\"from-google\"],\"autoMerge\":true}");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.json("workflowId").asString()).isEqualTo("import-" + started.json("id").asString());
        ApiClient.Response view = finish(account, started);

        assertThat(view.json("status").asString()).as(view.raw()).isEqualTo("completed");
        JsonNode records = view.json("summary").path("records");
        assertThat(records.path("read").asLong()).isEqualTo(4);
        assertThat(records.path("imported").asLong()).isEqualTo(3);
        assertThat(records.path("skipped").asLong()).isEqualTo(1);
        assertThat(records.path("errors").path(0).path("record").asLong()).isEqualTo(3);
        assertThat(records.path("errors").path(0).path("line").asLong()).isEqualTo(9);
        assertThat(records.path("errors").path(0).path("reason").asString()).isEqualTo("birthdate: unparseable date");
        assertThat(view.json("summary").path("contacts").path("created").asLong()).isEqualTo(3);
        assertThat(view.json("progress").path("done").asLong()).isEqualTo(4);
        assertThat(view.json("progress").path("total").asLong()).isEqualTo(4);
        assertThat(view.json("options").path("tags").path(0).asString()).isEqualTo("from-google");
        assertThat(view.json("source").asString()).isEqualTo("csv");
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = CAST(? AS uuid)", account.id()))
                .isEqualTo(3);
        assertThat(count("""
                SELECT count(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                WHERE ct.account_id = CAST(? AS uuid) AND t.name = 'from-google'""", account.id())).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM import_files WHERE account_id = CAST(? AS uuid)", account.id()))
                .isZero();
        long ada = count("SELECT id FROM contacts WHERE account_id = CAST(? AS uuid) AND first_name = 'Ada'",
                account.id());
        ApiClient.Response adaView = api.get("/api/contacts/" + ada, account.apiKey());
        assertThat(adaView.json("emails").path(0).path("label").asString()).as(adaView.raw()).isEqualTo("home");
        assertThat(adaView.json("phones").path(0).path("label").asString()).isEqualTo("mobile");
        assertThat(adaView.json("addresses").size()).isEqualTo(2);

        ApiClient.Response again = finish(account, upload(account, "csv", "contacts.csv", file,
                "{\"tags\":[\"from-google\"]}"));
        assertThat(again.json("status").asString()).isEqualTo("completed");
        assertThat(again.json("summary").path("contacts").path("created").asLong()).isZero();
        assertThat(again.json("summary").path("contacts").path("unchanged").asLong()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = CAST(? AS uuid)", account.id()))
                .isEqualTo(3);
    }

    @Test
    void aVcardImportsWithItsPhotos() throws Exception {
        TestAccount account = newAccount("vCard import", "US");
        ApiClient.Response view = finish(account, upload(account, "vcard", "iCloud Export.vcf",
                resource("icloud-3.0.vcf"), null));

        assertThat(view.json("status").asString()).as(view.raw()).isEqualTo("completed");
        assertThat(view.json("summary").path("records").path("imported").asLong()).isEqualTo(2);
        assertThat(view.json("summary").path("photos").asLong()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM photos WHERE account_id = CAST(? AS uuid)", account.id()))
                .isEqualTo(2);
    }

    @Test
    void badUploadsAre400sNamingTheFieldAndStoreNothing() {
        TestAccount account = newAccount("Bad uploads", "FR");
        byte[] csv = "First Name,Email\r\nA,a@example.org\r\n".getBytes(StandardCharsets.UTF_8);

        assertProblem(upload(account, "monica", "a.csv", csv, null), "source");
        assertProblem(upload(account, "csv", null, null, null), "file");
        assertProblem(upload(account, "csv", "a.csv", csv, "{not json"), "options");
        assertProblem(upload(account, "csv", "a.csv", csv, "{\"mapping\":{\"Email\":\"fax\"}}"),
                "options.mapping.Email");
        assertProblem(upload(account, "csv", "a.csv", csv, "{\"mapping\":{\"Mail\":\"email\"}}"),
                "options.mapping.Mail");
        assertProblem(upload(account, "vcard", "a.vcf", csv, null), "file");
        assertProblem(upload(account, "csv", "a.csv", "Prénom,Email\r\nA,a@x.org\r\n"
                .getBytes(StandardCharsets.ISO_8859_1), null), "options.encoding");
        assertProblem(upload(account, "csv", "a.csv", csv, "{\"encoding\":\"klingon-8\"}"), "options.encoding");

        assertThat(count("SELECT count(*) FROM import_files WHERE account_id = CAST(? AS uuid)", account.id()))
                .isZero();
        assertThat(count("SELECT count(*) FROM job_runs WHERE account_id = CAST(? AS uuid) AND kind = 'import'",
                account.id())).isZero();
    }

    @Test
    void uploadsMayExceedTheJsonBodyLimitUpToTheFileLimitAndAreRefusedWith413Above() {
        TestAccount account = newAccount("Big uploads", "FR");
        byte[] sixMegabytes = ("Foo,Bar\r\n" + "a,b\r\n".repeat(1_300_000)).getBytes(StandardCharsets.UTF_8);
        assertProblem(upload(account, "csv", "big.csv", sixMegabytes, null), "options.mapping");

        byte[] tooBig = new byte[50 * 1024 * 1024 + 1];
        java.util.Arrays.fill(tooBig, (byte) 'a');
        ApiClient.Response refused = upload(account, "csv", "huge.csv", tooBig, null);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(count("SELECT count(*) FROM import_files WHERE account_id = CAST(? AS uuid)", account.id()))
                .isZero();
    }

    @Test
    void aFailedFileImportCannotBeRetriedButIsShown() {
        TestAccount account = newAccount("Failed file import", "FR");
        UUID importId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO job_runs (id, account_id, kind, workflow_id, status, params, finished_at)
                        VALUES (?, CAST(? AS uuid), 'import', ?, 'failed',
                                CAST('{"source":"csv","fileId":"00000000-0000-0000-0000-000000000001"}' AS jsonb), now())""")
                .params(UUID.randomUUID(), account.id(), FileImportWorkflow.workflowId(importId.toString()))
                .update();

        assertThat(api.get("/api/imports/" + importId, account.apiKey()).json("status").asString())
                .isEqualTo("failed");
        ApiClient.Response retried = api.post("/api/imports/" + importId + "/retry", account.apiKey(),
                Map.of("apiToken", "irrelevant"));
        assertThat(retried.status()).as(retried.raw()).isEqualTo(409);
        assertThat(retried.raw()).contains("upload the file again");
    }

    private void assertProblem(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).contains("\"" + field + "\"");
    }

    private ApiClient.Response finish(TestAccount account, ApiClient.Response started) throws Exception {
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        temporal.getWorkflowClient().newUntypedWorkflowStub(started.json("workflowId").asString())
                .getResult(120, TimeUnit.SECONDS, Object.class);
        awaitJobFinished(account, started.json("jobId").asString());
        return api.get("/api/imports/" + started.json("id").asString(), account.apiKey());
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static byte[] resource(String name) {
        try (InputStream in = FileImportApiTest.class.getResourceAsStream("/imports/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /api/imports} as multipart/form-data (a part is left out when its value is null). */
    ApiClient.Response upload(TestAccount account, String source, String fileName, byte[] file, String options) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", source);
        fields.put("options", options);
        return new ApiClient(port).postMultipart("/api/imports", account.apiKey(), fields, fileName, file);
    }
}
