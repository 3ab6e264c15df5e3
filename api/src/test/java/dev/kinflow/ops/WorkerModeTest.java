package dev.kinflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import io.temporal.worker.WorkerFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** {@code KINFLOW_MODE=worker}: workers run, and only {@code /actuator} is served over HTTP. */
@TestPropertySource(properties = {"kinflow.mode=worker",
        "kinflow.credentials.key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
class WorkerModeTest extends ApiTestBase {

    @Autowired
    WorkerFactory workers;

    @Test
    void servesOnlyActuatorAndRunsWorkers() {
        assertThat(workers.isStarted()).isTrue();
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        var admin = api.post("/admin/accounts", ADMIN_TOKEN, Map.of("name", "x"));
        assertThat(admin.status()).isEqualTo(404);
        assertThat(admin.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(404);
    }
}
