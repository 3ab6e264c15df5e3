package dev.kinflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import org.junit.jupiter.api.Test;

class OpsTest extends ApiTestBase {

    @Test
    void healthIsPublicButItsDetailsNeedTheAdminToken() {
        var anonymous = api.get("/actuator/health", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json("status").asString()).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).isFalse();
        var asAccount = api.get("/actuator/health", newAccount("Health", null).apiKey());
        assertThat(asAccount.status()).isEqualTo(200);
        assertThat(asAccount.body().has("components")).isFalse();

        var health = api.get("/actuator/health", ADMIN_TOKEN);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json("status").asString()).isEqualTo("UP");
        assertThat(health.json("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.json("components").path("temporal").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusAndMetricsNeedTheAdminToken() {
        TestAccount account = newAccount("Metrics", null);
        for (String endpoint : java.util.List.of("/actuator/prometheus", "/actuator/metrics")) {
            var anonymous = api.get(endpoint, null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            var asAccount = api.get(endpoint, account.apiKey());
            assertThat(asAccount.status()).isEqualTo(403);
            assertThat(asAccount.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/actuator/metrics", ADMIN_TOKEN).status()).isEqualTo(200);
        var metrics = api.get("/actuator/prometheus", ADMIN_TOKEN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("temporal_");
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json("paths").has("/api/contacts")).isTrue();
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndErrorsAreProblemJson() {
        var missing = api.get("/api/nothing-here", newAccount("404", null).apiKey());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }
}
