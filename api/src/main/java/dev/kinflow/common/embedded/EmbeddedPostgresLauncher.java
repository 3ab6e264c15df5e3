package dev.kinflow.common.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the embedded PostgreSQL used when no datasource is configured: data kept in a persistent directory, with
 * {@code fsync} and {@code synchronous_commit} back on (zonky turns both off, which is only right for tests).
 *
 * <p>Survives being killed: a postmaster a killed Kinflow left on the data directory is stopped before the start
 * ({@link LeftoverPostmaster}), and a {@link PostmasterWatchdog} stops this process's postmaster as soon as this process
 * dies without its shutdown hooks, so the next start normally finds nothing left.
 */
final class EmbeddedPostgresLauncher {

    private static EmbeddedPostgres server;
    /** Held for the life of the JVM: its stdin pipe closing (also by garbage collection) is the watchdog's signal. */
    private static Process watchdog;

    private EmbeddedPostgresLauncher() {
    }

    static synchronized EmbeddedPostgres start(Path dataDir, int port) {
        if (server != null) {
            return server;
        }
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                builder.setPort(port);
            }
            if (Files.isDirectory(dataDir)) {
                LeftoverPostmaster.stopIfRunning(dataDir.toRealPath());
            }
            server = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresLauncher::stop, "embedded-postgres-stop"));
            watchdog = PostmasterWatchdog.start(postmasterPid(dataDir), dataDir.toRealPath());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
    }

    private static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // the JVM is exiting; PostgreSQL recovers from its WAL on the next start
            }
            server = null;
        }
    }
}
