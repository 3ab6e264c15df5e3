package dev.kinflow.common.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real embedded PostgreSQL abandoned on its data directory (as a SIGKILLed Kinflow leaves it): it is recognised by
 * its {@code postmaster.pid} and {@code /proc}, stopped, and the data directory starts again at once; the watchdog stops
 * the postmaster the moment its owner's pipe closes; a {@code postmaster.pid} naming any other process is left alone.
 */
class LeftoverPostmasterTest {

    @TempDir
    Path home;

    static EmbeddedPostgres start(Path dataDir) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1").start();
    }

    static long pid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
    }

    /** One data directory (initdb is the slow part): abandoned, stopped as a leftover, restarted, then watched. */
    @Test
    void aLeftoverPostmasterIsStoppedTheDirectoryStartsAgainAndTheWatchdogStopsItWhenItsOwnerDies() throws Exception {
        Path dataDir = home.resolve("pgdata");
        EmbeddedPostgres abandoned = start(dataDir);
        long pid = pid(dataDir);
        Path real = dataDir.toRealPath();
        assertThat(LeftoverPostmaster.find(real)).contains(pid);

        assertThat(LeftoverPostmaster.stopIfRunning(real)).isTrue();
        assertThat(LeftoverPostmaster.isPostgresOn(pid, real)).as("gone (at most an unreaped zombie)").isFalse();
        assertThat(LeftoverPostmaster.find(real)).isEmpty();
        assertThat(LeftoverPostmaster.stopIfRunning(real)).as("nothing left: a no-op").isFalse();
        // a killed process's directory lock dies with it; in this JVM the abandoned instance has to let go of it
        // (its own stop then finds no server and says so)
        abandoned.close();

        EmbeddedPostgres again = start(dataDir); // not closed: the watchdog stops it
        try (Connection c = again.getPostgresDatabase().getConnection()) {
            assertThat(c.isValid(5)).isTrue();
        }
        long second = pid(dataDir);
        Process watchdog = PostmasterWatchdog.start(second, real);
        assertThat(watchdog.isAlive()).isTrue();
        assertThat(LeftoverPostmaster.isPostgresOn(second, real)).isTrue();

        watchdog.getOutputStream().close(); // what the kernel does when the owning JVM dies

        assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> !LeftoverPostmaster.isPostgresOn(second, real));
    }

    @Test
    void thePidFileOfAnotherProcessIsNeverTrusted() throws Exception {
        Path dataDir = Files.createDirectories(home.resolve("not-pg"));
        long self = ProcessHandle.current().pid();
        Files.writeString(dataDir.resolve("postmaster.pid"), self + "\n" + dataDir + "\n");
        assertThat(LeftoverPostmaster.find(dataDir.toRealPath())).isEmpty();
        assertThat(LeftoverPostmaster.stopIfRunning(dataDir.toRealPath())).isFalse();
    }
}
