package dev.kinflow.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.testing.AccountData;
import dev.kinflow.testing.ApiTestBase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ResetApiTest extends ApiTestBase {

    @Autowired
    DataSource dataSource;

    private TestAccount seeded(String name) {
        TestAccount account = newAccount(name, "FR");
        awaitNoRunningJob(account);
        AccountData.seed(jdbc, UUID.fromString(account.id()), new AccountData.Shape(40, 100));
        return account;
    }

    private void awaitNoRunningJob(TestAccount account) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/jobs?status=running", account.apiKey()).json("total").asLong() == 0);
    }

    private long contacts(TestAccount account) {
        return api.get("/api/contacts", account.apiKey()).json("total").asLong();
    }

    @Test
    void aWrongOrMissingConfirmationIsRejectedAndNothingHappens() {
        TestAccount account = seeded("Keep Me");
        var before = AccountData.dump(jdbc, UUID.fromString(account.id()));

        for (Object body : List.of(Map.of("confirm", "keep me"), Map.of("confirm", "Keep Me "), Map.of(), "[]")) {
            var response = api.post("/api/account/reset", account.apiKey(), body);
            assertThat(response.status()).as(response.raw()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        var wrong = api.post("/api/account/reset", account.apiKey(), Map.of("confirm", "keep me"));
        assertThat(wrong.json("errors").get(0).path("field").asString()).isEqualTo("confirm");

        assertThat(AccountData.dump(jdbc, UUID.fromString(account.id()))).isEqualTo(before);
        assertThat(api.get("/api/jobs?kind=account-reset", account.apiKey()).json("total").asLong()).isZero();
    }

    @Test
    void aResetEmptiesTheAccountBootstrapsItAgainAndLeavesOthersAloneTwiceInARow() {
        TestAccount account = seeded("Reset Me");
        TestAccount other = seeded("Bystander");
        UUID id = UUID.fromString(account.id());
        var otherBefore = AccountData.dump(jdbc, UUID.fromString(other.id()));
        Long keyId = jdbc.sql("SELECT id FROM api_keys WHERE account_id = ?").param(id).query(Long.class).single();
        long ledger = AccountData.counts(jdbc, id).get("send_ledger");

        for (int round = 1; round <= 2; round++) {
            long toDelete = AccountData.counts(jdbc, id).entrySet().stream()
                    .filter(e -> ResetRegistry.ownedTables().contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(toDelete).isGreaterThan(round == 1 ? 300 : 4);
            var started = api.post("/api/account/reset", account.apiKey(), Map.of("confirm", "Reset Me"));
            assertThat(started.status()).as(started.raw()).isEqualTo(202);
            var job = awaitJobFinished(account, started.json("jobId").asString());

            assertThat(job.json("status").asString()).isEqualTo("completed");
            assertThat(job.json("kind").asString()).isEqualTo("account-reset");
            assertThat(job.json("progress").path("text").asString()).startsWith("reset done: ");
            assertThat(job.json("summary").path("deletedTotal").asLong()).isEqualTo(toDelete);
            assertThat(contacts(account)).isZero();
            assertThat(api.get("/api/account", account.apiKey()).json("status").asString()).isEqualTo("active");
            Map<String, Long> counts = AccountData.counts(jdbc, id);
            counts.forEach((table, rows) -> {
                long expected = switch (table) {
                    case "outreach_settings", "audit_logs", "api_keys" -> 1;
                    case "reminder_rules" -> 3;
                    case "send_ledger" -> ledger;
                    case "job_runs" -> -1;
                    default -> 0;
                };
                if (expected >= 0) {
                    assertThat(rows).as(table).isEqualTo(expected);
                }
            });
            assertThat(jdbc.sql("SELECT actor FROM audit_logs WHERE account_id = ? AND action = 'account.reset'")
                    .param(id).query(String.class).single()).isEqualTo("api-key:" + keyId);
        }
        assertThat(AccountData.dump(jdbc, UUID.fromString(other.id()))).isEqualTo(otherBefore);
        assertThat(api.post("/api/contacts", account.apiKey(), Map.of("firstName", "Fresh")).status()).isEqualTo(201);
    }

    /**
     * A reset held in its contacts cleanup (a row lock the test keeps): meanwhile other jobs get 409, a second reset
     * joins the running one, and the job shows which domain it is cleaning.
     */
    @Test
    void whileAResetRunsOtherJobsAreRefusedAndASecondResetJoinsIt() throws Exception {
        TestAccount account = seeded("Busy");
        String jobId;
        try (Connection lock = dataSource.getConnection(); Statement st = lock.createStatement()) {
            lock.setAutoCommit(false);
            st.execute("SELECT id FROM contacts WHERE account_id = '" + account.id() + "' LIMIT 1 FOR UPDATE");

            var started = api.post("/api/account/reset", account.apiKey(), Map.of("confirm", "Busy"));
            assertThat(started.status()).as(started.raw()).isEqualTo(202);
            jobId = started.json("jobId").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + jobId, account.apiKey())
                    .json("progress").path("text").asString().matches("cleanup \\d+/\\d+: contacts.*"));

            assertThat(api.get("/api/account", account.apiKey()).json("status").asString()).isEqualTo("resetting");
            var refused = api.post("/api/account/bootstrap", account.apiKey(), Map.of());
            assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            var write = api.post("/api/contacts", account.apiKey(), Map.of("firstName", "Mid-reset"));
            assertThat(write.status()).as(write.raw()).isEqualTo(409);
            assertThat(write.contentType()).startsWith("application/problem+json");
            assertThat(api.get("/api/contacts", account.apiKey()).status()).isEqualTo(200);
            var joined = api.post("/api/account/reset", account.apiKey(), Map.of("confirm", "Busy"));
            assertThat(joined.status()).isEqualTo(202);
            assertThat(joined.json("jobId").asString()).isEqualTo(jobId);
            assertThat(joined.json("joined").asBoolean()).isTrue();
            lock.rollback();
        }
        assertThat(awaitJobFinished(account, jobId).json("status").asString()).isEqualTo("completed");
        assertThat(contacts(account)).isZero();
        assertThat(api.post("/api/account/bootstrap", account.apiKey(), Map.of()).status()).isEqualTo(202);
    }
}
