package dev.kinflow.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountApiTest extends ApiTestBase {

    @Test
    void creatingAnAccountReturnsItsKeyOnceStoresItHashedAndBootstrapsIt() {
        TestAccount account = newAccount("Ada's CRM", "fr");

        var me = api.get("/api/account", account.apiKey());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json("name").asString()).isEqualTo("Ada's CRM");
        assertThat(me.json("defaultRegion").asString()).isEqualTo("FR");
        assertThat(me.json("timezone").asString()).isEqualTo("UTC");
        assertThat(me.body().has("apiKey")).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE key_hash = ?").param(account.apiKey())
                .query(Integer.class).single()).isZero();

        var jobs = api.get("/api/jobs?kind=account-bootstrap", account.apiKey());
        assertThat(jobs.json("total").asInt()).isEqualTo(1);
        var job = awaitJobFinished(account, jobs.json("items").get(0).path("id").asString());
        assertThat(job.json("status").asString()).isEqualTo("completed");
        assertThat(job.json("workflowId").asString()).isEqualTo("account-bootstrap-" + account.id());
        assertThat(job.json("summary").path("created").toString()).contains("outreach-settings", "reminder-rules");
        assertThat(jdbc.sql("SELECT count(*) FROM reminder_rules WHERE account_id = CAST(? AS uuid)")
                .param(account.id()).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void rerunningTheBootstrapCreatesNothingAndSaysSo() {
        TestAccount account = newAccount("Rerun", null);
        String first = api.get("/api/jobs?kind=account-bootstrap", account.apiKey()).json("items").get(0).path("id").asString();
        awaitJobFinished(account, first);

        var rerun = api.post("/api/account/bootstrap", account.apiKey(), Map.of());
        assertThat(rerun.status()).isEqualTo(202);
        var job = awaitJobFinished(account, rerun.json("jobId").asString());

        assertThat(job.json("status").asString()).isEqualTo("completed");
        assertThat(job.json("summary").path("created").size()).isZero();
        assertThat(job.json("summary").path("alreadyPresent").size()).isEqualTo(2);
        assertThat(job.json("progress").path("text").asString()).isEqualTo("already provisioned");
    }

    @Test
    void patchChangesOnlyWhatIsGivenAndRejectsInvalidValues() {
        TestAccount account = newAccount("Patch me", null);

        var patched = api.patch("/api/account", account.apiKey(), Map.of("defaultRegion", "GB", "timezone", "Europe/London"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json("defaultRegion").asString()).isEqualTo("GB");
        assertThat(patched.json("name").asString()).isEqualTo("Patch me");

        var bad = api.patch("/api/account", account.apiKey(), Map.of("timezone", "Mars/Olympus", "defaultRegion", "GBR"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json("errors").toString()).contains("timezone", "defaultRegion");
        assertThat(api.get("/api/account", account.apiKey()).json("timezone").asString()).isEqualTo("Europe/London");
    }

    @Test
    void missingOrWrongTokensAre401AndTheWrongKindOfToken403ProblemJson() {
        assertThat(api.get("/api/account", null).status()).isEqualTo(401);
        var wrong = api.get("/api/account", "kf_not-a-key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/admin/accounts", "wrong", Map.of("name", "x")).status()).isEqualTo(401);

        TestAccount account = newAccount("Not an admin", null);
        var wrongKind = api.post("/admin/accounts", account.apiKey(), Map.of("name", "x"));
        assertThat(wrongKind.status()).isEqualTo(403);
        assertThat(wrongKind.contentType()).startsWith("application/problem+json");
    }

    @Test
    void invalidAccountCreationWritesNothing() {
        long before = jdbc.sql("SELECT count(*) FROM accounts").query(Long.class).single();
        var response = api.post("/admin/accounts", ADMIN_TOKEN, Map.of("name", " ", "defaultRegion", "France"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json("errors").toString()).contains("name", "defaultRegion");
        assertThat(jdbc.sql("SELECT count(*) FROM accounts").query(Long.class).single()).isEqualTo(before);
    }
}
