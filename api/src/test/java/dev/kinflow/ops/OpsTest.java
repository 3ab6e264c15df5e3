package dev.kinflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import org.junit.jupiter.api.Test;

class OpsTest extends ApiTestBase {

    @Test
    void healthShowsDatabaseAndTemporal() {
        var health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json("status").asString()).isEqualTo("UP");
        assertThat(health.json("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.json("components").path("temporal").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesTemporalMeters() {
        newAccount("Metrics", null);
        var metrics = api.get("/actuator/prometheus", null);
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
