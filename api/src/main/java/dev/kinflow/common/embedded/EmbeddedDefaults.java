package dev.kinflow.common.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code ./mvnw spring-boot:run} work with nothing installed: when no datasource is configured, starts an
 * embedded PostgreSQL; when no Temporal target is configured (and the starter's test server is off), starts the
 * Temporal test server in process on a loopback port. Also turns {@code KINFLOW_MODE} into the starter's settings, and
 * refuses to start a process that runs beside others without the shared credentials key
 * ({@link CredentialsKeyRequirement}) before anything is started.
 * Runs after the configuration files are loaded, so explicit settings always win.
 */
public class EmbeddedDefaults implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    public EmbeddedDefaults(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedDefaults.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String mode = env.getProperty("kinflow.mode", "all");
        if (!Set.of("all", "api", "worker").contains(mode)) {
            throw new IllegalStateException("KINFLOW_MODE must be all, api or worker, not '" + mode + "'");
        }
        boolean testServer = env.getProperty("spring.temporal.test-server.enabled", Boolean.class, false);
        CredentialsKeyRequirement.check(mode, !testServer && env.containsProperty("spring.temporal.connection.target"),
                env.getProperty("kinflow.credentials.key"));
        Map<String, Object> defaults = new LinkedHashMap<>();
        Path home = Path.of(env.getProperty("kinflow.home", ".kinflow")).toAbsolutePath();
        if (!env.containsProperty("spring.datasource.url")
                && env.getProperty("kinflow.embedded.postgres.enabled", Boolean.class, true)) {
            Path dataDir = Path.of(env.getProperty("kinflow.embedded.postgres.data-dir", home.resolve("pgdata").toString()));
            EmbeddedPostgres pg = EmbeddedPostgresLauncher.start(dataDir.toAbsolutePath(),
                    env.getProperty("kinflow.embedded.postgres.port", Integer.class, 0));
            defaults.put("spring.datasource.url", pg.getJdbcUrl("postgres", "postgres"));
            defaults.put("spring.datasource.username", "postgres");
            defaults.put("spring.datasource.password", "");
            log.info("No SPRING_DATASOURCE_URL set: started embedded PostgreSQL on 127.0.0.1:" + pg.getPort()
                    + " with data in " + dataDir.toAbsolutePath());
        }
        if (!testServer && !env.containsProperty("spring.temporal.connection.target")) {
            int port = EmbeddedTemporalServer.start(env.getProperty("kinflow.embedded.temporal.port", Integer.class, 0));
            defaults.put("spring.temporal.connection.target", "127.0.0.1:" + port);
            log.warn("No Temporal target configured: started the in-process Temporal test server on 127.0.0.1:" + port
                    + " (real time, memory only). Runs are LOST when this process stops; set"
                    + " SPRING_TEMPORAL_CONNECTION_TARGET for a real Temporal server.");
        }
        if (mode.equals("api")) {
            defaults.put("spring.temporal.start-workers", "false");
        }
        if (!defaults.isEmpty()) {
            env.getPropertySources().addLast(new MapPropertySource("kinflowEmbeddedDefaults", defaults));
        }
    }
}
