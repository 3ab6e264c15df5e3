package dev.kinflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** {@code KINFLOW_MODE=api}: REST and the Temporal client, but no worker polls any task queue. */
@TestPropertySource(properties = {"kinflow.mode=api",
        "kinflow.credentials.key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
class ApiModeTest extends ApiTestBase {

    @Autowired
    WorkerFactory workers;

    @Test
    void servesRestButStartsNoWorkers() {
        TestAccount account = newAccount("Api mode", null);
        assertThat(api.get("/api/account", account.apiKey()).status()).isEqualTo(200);
        assertThat(workers.isStarted()).isFalse();
        var job = api.get("/api/jobs", account.apiKey()).json("items").get(0);
        assertThat(job.path("status").asString()).isEqualTo("running");
    }
}
