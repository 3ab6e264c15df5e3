package dev.kinflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinflow.imports.BudgetClock;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of API tests: the full application on a random port, a database cloned from the migrated template, and the
 * Temporal test server (time skipping) with real workers. The Spring context — and so the database — is shared by
 * every API test class of the JVM; tests isolate themselves by creating their own accounts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kinflow.embedded.postgres.enabled=false",
        "spring.temporal.test-server.enabled=true",
        "kinflow.admin-token=" + ApiTestBase.ADMIN_TOKEN,
        "kinflow.home=target/kinflow-test-home",
        "kinflow.jobs.reconcile-interval=1s",
        "kinflow.outbound.allowed-hosts=127.0.0.0/8,::1"})  // the fake Monica listens on loopback
@Import(ApiTestBase.TestServerBudgetClock.class)
public abstract class ApiTestBase {

    /**
     * Under the time-skipping test server, the Monica request budget keeps time on the test server's clock (workflow
     * time, which the fake Monica also uses), not the database's.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class TestServerBudgetClock {

        @Bean
        @Primary
        BudgetClock testServerBudgetClock(TestWorkflowEnvironment temporal) {
            return temporal::currentTimeMillis;
        }
    }

    public static final String ADMIN_TOKEN = "test-admin-token";

    private static TestDatabase.Database database;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected ApiClient api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        synchronized (ApiTestBase.class) {
            if (database == null) {
                database = TestDatabase.fresh();
            }
        }
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** A new account created through the admin API. */
    public record TestAccount(String id, String apiKey, String name) {
    }

    protected TestAccount newAccount(String name, String region) {
        var response = api.post("/admin/accounts", ADMIN_TOKEN,
                region == null ? Map.of("name", name) : Map.of("name", name, "defaultRegion", region));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return new TestAccount(response.json("id").asString(), response.json("apiKey").asString(), name);
    }

    /** Waits (bounded) until a job has left {@code running}; returns its final view. */
    protected ApiClient.Response awaitJobFinished(TestAccount account, String jobId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                !api.get("/api/jobs/" + jobId, account.apiKey()).json("status").asString().equals("running"));
        return api.get("/api/jobs/" + jobId, account.apiKey());
    }
}
