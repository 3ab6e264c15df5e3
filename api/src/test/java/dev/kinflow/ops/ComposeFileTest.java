package dev.kinflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.temporal.yml} is secure by default: only Kinflow's API port is published on every interface,
 * Temporal (gRPC and Web UI, no authentication) and the worker's actuator only on loopback, PostgreSQL not at all; the
 * admin token, the credentials key and the database password have no defaults ({@code ${VAR:?…}}).
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.temporal.yml");
    private static final List<String> REQUIRED = List.of("KINFLOW_ADMIN_TOKEN", "KINFLOW_CREDENTIALS_KEY",
            "POSTGRES_PASSWORD");

    private static String text;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        text = Files.readString(COMPOSE);
        Map<String, Object> compose = new Yaml().load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("postgresql", "temporal", "temporal-ui", "kinflow-api", "kinflow-worker");
    }

    @Test
    void onlyKinflowsApiPortIsPublishedOnEveryInterface() {
        services.forEach((name, service) -> {
            for (Object port : ports(service)) {
                String mapping = String.valueOf(port);
                if (name.equals("kinflow-api")) {
                    assertThat(mapping).as("the API port").endsWith(":8080");
                } else {
                    assertThat(mapping).as("%s publishes %s", name, mapping).startsWith("127.0.0.1:");
                }
            }
        });
        assertThat(ports(services.get("postgresql"))).as("PostgreSQL is not published").isEmpty();
        assertThat(ports(services.get("kinflow-api"))).hasSize(1);
    }

    @Test
    void secretsAreRequiredAndHaveNoDefault() {
        for (String variable : REQUIRED) {
            Matcher uses = Pattern.compile("\\$\\{" + variable + "(?<op>[^}]*)}").matcher(text);
            int count = 0;
            while (uses.find()) {
                count++;
                assertThat(uses.group("op")).as("every use of %s is ${%s:?message}", variable, variable)
                        .startsWith(":?");
            }
            assertThat(count).as("%s is used", variable).isPositive();
        }
        for (String name : List.of("kinflow-api", "kinflow-worker")) {
            Map<String, Object> env = environment(services.get(name));
            assertThat(String.valueOf(env.get("KINFLOW_ADMIN_TOKEN"))).startsWith("${KINFLOW_ADMIN_TOKEN:?");
            assertThat(String.valueOf(env.get("KINFLOW_CREDENTIALS_KEY"))).startsWith("${KINFLOW_CREDENTIALS_KEY:?");
            assertThat(String.valueOf(env.get("SPRING_DATASOURCE_PASSWORD"))).startsWith("${POSTGRES_PASSWORD:?");
        }
        assertThat(String.valueOf(environment(services.get("postgresql")).get("POSTGRES_PASSWORD")))
                .startsWith("${POSTGRES_PASSWORD:?");
        assertThat(String.valueOf(environment(services.get("temporal")).get("POSTGRES_PWD")))
                .startsWith("${POSTGRES_PASSWORD:?");
    }

    private static List<?> ports(Map<String, Object> service) {
        Object ports = service.get("ports");
        return ports == null ? List.of() : (List<?>) ports;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }
}
