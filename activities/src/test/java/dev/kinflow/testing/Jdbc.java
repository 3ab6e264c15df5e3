package dev.kinflow.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Small helpers for repository and activity tests that run without a Spring context. */
public final class Jdbc {

    public static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private Jdbc() {
    }

    public static JdbcClient client(DataSource ds) {
        return JdbcClient.create(ds);
    }

    /** Inserts a bare account and returns its id. */
    public static UUID newAccount(JdbcClient jdbc, String name, String region) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO accounts (id, name, default_region) VALUES (?, ?, ?)").params(id, name, region).update();
        return id;
    }
}
