package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiClient;
import dev.kinflow.testing.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/imports} refuses a base URL the outbound policy refuses: 400 problem+json naming {@code baseUrl},
 * no job. (These tests allow loopback only; every address here is an IP literal, so nothing is looked up or called.)
 */
class ImportOutboundApiTest extends ApiTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "http://10.0.0.1", "http://192.168.1.10:8080",
            "http://[fe80::1]", "http://[fd00::1]", "http://[::ffff:169.254.169.254]", "http://100.64.0.1",
            "http://0.0.0.0:8080", "https://224.0.0.1"})
    void aRefusedBaseUrlIsA400NamingIt(String baseUrl) {
        TestAccount account = newAccount("Outbound " + Math.abs(baseUrl.hashCode()), null);

        ApiClient.Response response = api.post("/api/imports", account.apiKey(), Map.of("source", "monica",
                "baseUrl", baseUrl, "apiToken", "secret-monica-token"));

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).contains("baseUrl", "refused by the outbound address policy")
                .doesNotContain("secret-monica-token");
        assertThat(jdbc.sql("SELECT count(*) FROM job_runs WHERE account_id = ?::uuid AND kind = 'import'").param(account.id())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM credentials WHERE account_id = ?::uuid").param(account.id())
                .query(Long.class).single()).isZero();
    }
}
