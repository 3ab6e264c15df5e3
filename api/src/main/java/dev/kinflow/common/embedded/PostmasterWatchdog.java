package dev.kinflow.common.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Keeps the embedded postmaster from outliving a Kinflow process that is killed without running its shutdown hooks
 * (SIGKILL, OOM kill). {@code pg_ctl} daemonizes the postmaster, so nothing in PostgreSQL ties it to our process (it
 * has no "exit with parent" setting). The watchdog is a tiny {@code sh} child whose standard input is a pipe held open
 * by this JVM: it blocks reading it, and the kernel closes the pipe the instant the JVM dies, however it dies — no
 * polling, and no reliance on a parent PID that could be recycled. On end-of-file it sends the postmaster (by its own
 * PID, checked to still be a postgres on the data directory, so a postmaster started since by another process is never
 * touched) a fast shutdown (SIGINT): sessions of other processes are disconnected and a checkpoint is written.
 * On a normal shutdown the JVM stops the postmaster first, so the watchdog finds nothing left to stop.
 */
final class PostmasterWatchdog {

    /**
     * $1 postmaster PID, $2 data directory. Waits for EOF, then signals the PID only if it still is a postgres working
     * in that data directory.
     */
    private static final String SCRIPT = """
            cat >/dev/null
            if [ "$(readlink /proc/$1/cwd 2>/dev/null)" = "$2" ]; then kill -INT "$1" 2>/dev/null; fi
            """;

    private PostmasterWatchdog() {
    }

    /** Starts the watchdog for {@code postmasterPid} on {@code dataDir} (a real path); it lives until this JVM dies. */
    static Process start(long postmasterPid, java.nio.file.Path dataDir) {
        try {
            return new ProcessBuilder("sh", "-c", SCRIPT, "kinflow-postgres-watchdog", Long.toString(postmasterPid),
                    dataDir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL watchdog", e);
        }
    }
}
