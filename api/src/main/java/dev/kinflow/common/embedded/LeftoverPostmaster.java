package dev.kinflow.common.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A postmaster left running on the embedded data directory by a Kinflow process that was killed (SIGKILL, OOM kill):
 * it keeps the directory locked, so the next start would fail. Found through the directory's {@code postmaster.pid}
 * and only trusted when {@code /proc/<pid>} really is a {@code postgres} whose working directory is this data
 * directory (a postmaster works in its data directory) — a recycled PID belonging to anything else is never signalled.
 * Stopped with PostgreSQL's "fast" shutdown (SIGINT: sessions of other processes are disconnected, a checkpoint is
 * written), escalated to "immediate" (SIGQUIT: crash recovery from the WAL at the next start) and finally SIGKILL, each
 * step waited for within a bound.
 */
final class LeftoverPostmaster {

    private static final Log LOG = LogFactory.getLog(LeftoverPostmaster.class);

    /** How long each shutdown step may take before the next, harder one. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    private LeftoverPostmaster() {
    }

    /** The PID of a postgres running on {@code dataDir} according to its {@code postmaster.pid}, if there is one. */
    static Optional<Long> find(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || lines.getFirst().isBlank()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.getFirst().trim());
            return isPostgresOn(pid, dataDir) ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    static boolean isPostgresOn(long pid, Path dataDir) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String cmdline = Files.readString(proc.resolve("cmdline"));
            String program = cmdline.split("\0", 2)[0];
            if (!Path.of(program).getFileName().toString().equals("postgres")) {
                return false;
            }
            return proc.resolve("cwd").toRealPath().equals(dataDir.toRealPath());
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * Stops the leftover postmaster on {@code dataDir}, if any, and returns whether there was one. Throws when it
     * survives every step (the start would fail anyway, with a less clear message).
     */
    static boolean stopIfRunning(Path dataDir) {
        Optional<Long> pid = find(dataDir);
        if (pid.isEmpty()) {
            return false;
        }
        LOG.warn("A PostgreSQL (pid " + pid.get() + ") left by a previous Kinflow process still runs on " + dataDir
                + ": stopping it before starting the embedded PostgreSQL");
        for (String signal : new String[]{"INT", "QUIT", "KILL"}) {
            if (signal(pid.get(), signal) && awaitExit(pid.get(), dataDir)) {
                LOG.info("Leftover PostgreSQL (pid " + pid.get() + ") stopped with SIG" + signal);
                return true;
            }
        }
        throw new IllegalStateException("Could not stop the PostgreSQL (pid " + pid.get() + ") left running on "
                + dataDir + "; stop it by hand and start again");
    }

    private static boolean signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor() == 0 || !isAlive(pid);
        } catch (IOException e) {
            if (signal.equals("KILL")) {
                return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(true);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits (bounded) until {@code pid} is no longer a postgres on {@code dataDir}. Polled: the process is not our
     * child, so there is nothing to wait on; a zombie left unreaped by a container's init has no working directory
     * and so counts as gone.
     */
    private static boolean awaitExit(long pid, Path dataDir) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (isPostgresOn(pid, dataDir)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
