package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.kinflow.testing.ApiClient;
import dev.kinflow.testing.ApiTestBase;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/** End-to-end import tests: the whole application, the fake Monica on the test server's (skipping) clock. */
public abstract class MonicaImportTestBase extends ApiTestBase {

    protected static final String TOKEN = "monica-secret-token-7f3a9c2e41";

    @Autowired
    TestWorkflowEnvironment temporal;

    private final List<FakeMonicaServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(FakeMonicaServer::close);
    }

    protected FakeMonicaServer fakeMonica(MonicaDataset.Spec spec) {
        FakeMonicaServer server = new FakeMonicaServer(MonicaDataset.generate(spec), TOKEN)
                .clock(temporal::currentTimeMillis);
        servers.add(server);
        return server;
    }

    protected static Map<String, Object> options(boolean photos, boolean extraData, int perMinute) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("photos", photos);
        options.put("autoMerge", false);
        options.put("extraData", extraData);
        options.put("requestsPerMinute", perMinute);
        return options;
    }

    protected ApiClient.Response start(TestAccount account, FakeMonicaServer server, Map<String, Object> options) {
        ApiClient.Response started = api.post("/api/imports", account.apiKey(), Map.of("source", "monica",
                "baseUrl", server.baseUrl(), "apiToken", TOKEN, "options", options));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        return started;
    }

    /** Runs an import to its end (waiting on the workflow lets the test server skip time) and returns its view. */
    ApiClient.Response runImport(TestAccount account, FakeMonicaServer server, Map<String, Object> options) {
        ApiClient.Response started = start(account, server, options);
        awaitWorkflow(started.json("workflowId").asString());
        ApiClient.Response view = api.get("/api/imports/" + started.json("id").asString(), account.apiKey());
        assertThat(view.status()).isEqualTo(200);
        return view;
    }

    void awaitWorkflow(String workflowId) {
        WorkflowStub stub = temporal.getWorkflowClient().newUntypedWorkflowStub(workflowId);
        try {
            stub.getResult(Long.getLong("kinflow.importTimeoutSeconds", 180), TimeUnit.SECONDS, Object.class);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("import did not finish; progress: "
                    + stub.query("progress", dev.kinflow.common.JobProgress.class) + "; last requests: "
                    + servers.stream().map(s -> s.requests().subList(Math.max(0, s.requests().size() - 5),
                    s.requests().size())).toList(), e);
        }
    }

    /** Monica ids of the contacts imported into an account, one entry per import record. */
    List<Long> importedMonicaIds(TestAccount account) {
        return jdbc.sql("""
                        SELECT CAST(r.source_id AS bigint) FROM import_records r JOIN contacts c ON c.id = r.contact_id
                        WHERE r.account_id = CAST(? AS uuid) AND r.source_type = 'contact' AND NOT c.is_partial""")
                .param(account.id()).query(Long.class).list();
    }

    /**
     * The phone rule, checked with libphonenumber over what the import stored: no stored E.164 value is an invalid
     * number, and every raw phone that libphonenumber reads as a valid number under the default region is stored as
     * that number's E.164. Returns [E.164 values, raw values] so a test can see both kinds occurred.
     */
    protected long[] assertOnlyValidPhonesAreE164(TestAccount account, String defaultRegion) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<String[]> phones = jdbc.sql("SELECT value, raw_value FROM contact_fields "
                        + "WHERE account_id = CAST(? AS uuid) AND kind = 'phone'")
                .param(account.id()).query((rs, row) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        long e164 = 0;
        for (String[] phone : phones) {
            if (phone[0].startsWith("+")) {
                e164++;
                assertThat(validE164(util, phone[0], "ZZ")).as("stored %s (raw %s)", phone[0], phone[1])
                        .isEqualTo(phone[0]);
            }
            String readable = validE164(util, phone[1], defaultRegion);
            if (readable != null) {
                assertThat(phone[0]).as("raw %s under %s", phone[1], defaultRegion).isEqualTo(readable);
            }
        }
        return new long[]{e164, phones.size() - e164};
    }

    private static String validE164(PhoneNumberUtil util, String text, String region) {
        try {
            PhoneNumber number = util.parse(text, region);
            return util.isValidNumber(number) ? util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
