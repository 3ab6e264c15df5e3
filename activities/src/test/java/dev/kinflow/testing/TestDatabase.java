package dev.kinflow.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL for tests: one embedded server per test JVM (or the server of {@code KINFLOW_TEST_DATABASE_URL}), a
 * template database migrated once with Flyway, and a fresh database cloned from it for each test class
 * ({@code CREATE DATABASE … TEMPLATE}, a file copy: tens of milliseconds).
 */
public final class TestDatabase {

    private static final String TEMPLATE = "kinflow_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid());

    private static Server server;

    private TestDatabase() {
    }

    /** A JDBC URL, user and password of a database of its own, migrated to the latest schema. */
    public record Database(String url, String user, String password, String name) {

        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }
    }

    public static synchronized Database fresh() {
        Server s = server();
        String name = "kf_test_" + RUN + "_" + COUNTER.incrementAndGet();
        execute(s.admin(), "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new Database(s.urlFor(name), s.user(), s.password(), name);
    }

    private static synchronized Server server() {
        if (server == null) {
            server = start();
            execute(server.admin(), "DROP DATABASE IF EXISTS " + TEMPLATE);
            execute(server.admin(), "CREATE DATABASE " + TEMPLATE);
            Flyway.configure()
                    .dataSource(server.urlFor(TEMPLATE), server.user(), server.password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        }
        return server;
    }

    private static Server start() {
        String external = System.getenv("KINFLOW_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault("KINFLOW_TEST_DATABASE_USER", "postgres");
            String password = System.getenv().getOrDefault("KINFLOW_TEST_DATABASE_PASSWORD", "");
            String base = external.substring(0, external.lastIndexOf('/') + 1);
            return new Server(base, user, password, null);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "512MB")
                    // as a server that takes bulk imports is configured: fewer checkpoints during a long write
                    // (docs/file-imports.md has the benchmark figures with PostgreSQL's default of 1GB too)
                    .setServerConfig("max_wal_size", "4GB")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // JVM exit
                }
            }));
            return new Server("jdbc:postgresql://localhost:" + pg.getPort() + "/", "postgres", "", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
        }
    }

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed: " + sql, e);
        }
    }

    private record Server(String baseUrl, String user, String password, EmbeddedPostgres embedded) {

        String urlFor(String database) {
            return baseUrl + database;
        }

        DataSource admin() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(urlFor("postgres"));
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }
    }
}
