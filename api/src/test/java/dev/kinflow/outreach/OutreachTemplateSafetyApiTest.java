package dev.kinflow.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiClient;
import dev.kinflow.testing.ApiTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Templates cannot reach files, URLs or code, and cannot render huge messages: each refusal is a 400 naming the field,
 * on a dry run and on create alike, that reveals nothing and writes nothing.
 */
class OutreachTemplateSafetyApiTest extends ApiTestBase {

    private OutreachFixture outreach;

    @BeforeEach
    void fixture() {
        outreach = new OutreachFixture(api, jdbc);
    }

    @Test
    void partialsParentsAndDelimiterChangesAreRefusedAndRevealNothing() {
        TestAccount account = newAccount("Template safety", "FR");
        long ann = outreach.contact(account, "Ann", "ACME", "+33612345678");
        long device = outreach.deviceId(outreach.device(account, "phone"));

        for (String template : List.of("{{> file:/etc/passwd}}", "Hi {{>/etc/passwd}}", "{{ > /dev/zero }}",
                "{{< http://169.254.169.254/}}{{/http://169.254.169.254/}}", "{{=<% %>=}}<% firstName %>",
                "{{firstName.class.classLoader}}", "{{#firstName}}x{{/firstName}}")) {
            for (boolean dryRun : List.of(true, false)) {
                ApiClient.Response response = api.post("/api/outreach/batches", account.apiKey(), Map.of(
                        "template", template, "recipients", Map.of("contactIds", List.of(ann)),
                        "deviceId", device, "dryRun", dryRun));

                assertThat(response.status()).as(template + " " + response.raw()).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json("errors").get(0).path("field").asString()).isEqualTo("template");
                assertThat(response.raw()).doesNotContain("root:", "/bin/", "passwd:", "Exception", "at com.");
            }
        }
        assertThat(batches(account)).isZero();
    }

    @Test
    void aMessageOverTwoThousandCharactersIsA400OnDryRunAndCreate() {
        TestAccount account = newAccount("Template length", "FR");
        long ann = outreach.contact(account, "Ann", "ACME", "+33612345678");
        long device = outreach.deviceId(outreach.device(account, "phone"));
        Map<String, Object> request = new HashMap<>(Map.of(
                "template", "{{a}}{{a}}{{a}} {{firstName}}",
                "recipients", Map.of("contactIds", List.of(ann)),
                "vars", Map.of("a", "x".repeat(700)),
                "deviceId", device));

        for (boolean dryRun : List.of(true, false)) {
            request.put("dryRun", dryRun);
            ApiClient.Response response = api.post("/api/outreach/batches", account.apiKey(), request);
            assertThat(response.status()).as(response.raw()).isEqualTo(400);
            assertThat(response.json("errors").get(0).path("field").asString()).isEqualTo("template");
            assertThat(response.json("errors").get(0).path("message").asString())
                    .contains("more than 2000 characters");
        }
        assertThat(batches(account)).isZero();

        request.put("vars", Map.of("a", "x".repeat(600)));   // 1,804 characters: fine
        request.put("dryRun", true);
        ApiClient.Response fine = api.post("/api/outreach/batches", account.apiKey(), request);
        assertThat(fine.status()).as(fine.raw()).isEqualTo(200);
        assertThat(fine.json("previews").get(0).path("body").asString()).hasSize(1804);
    }

    private long batches(TestAccount account) {
        return jdbc.sql("SELECT count(*) FROM outreach_batches WHERE account_id = CAST(? AS uuid)")
                .param(account.id()).query(Long.class).single();
    }
}
