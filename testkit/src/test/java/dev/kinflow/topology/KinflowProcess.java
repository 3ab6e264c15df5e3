package dev.kinflow.topology;

import dev.kinflow.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Kinflow service process started from the built api jar, as an operator starts it: its own environment and
 * {@code KINFLOW_HOME}, output to a log file under {@code target/topology/}. Only loopback addresses are used.
 */
final class KinflowProcess implements AutoCloseable {

    static final Path ROOT = Path.of("target", "topology").toAbsolutePath();
    /** Modest JVMs: several run at once beside the test on a small machine. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Dlogging.level.root=WARN", "-Dlogging.level.dev.kinflow=INFO");

    final String name;
    final int port;
    final Path home;
    final Path log;
    private final Map<String, String> env;
    private Process process;

    private KinflowProcess(String name, int port, Path home, Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.home = home;
        this.log = ROOT.resolve(name + ".log");
        this.env = env;
    }

    /** The executable api jar the reactor packaged before testkit's tests run; null when it is not built. */
    static Path apiJar() {
        Path target = Path.of("..", "api", "target").toAbsolutePath().normalize();
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("kinflow-api-.*-exec\\.jar"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process named {@code name} with home {@code target/topology/<home>} and the given settings. */
    static KinflowProcess of(String name, String home, Map<String, String> settings) {
        int port = freePort();
        Map<String, String> env = new java.util.LinkedHashMap<>(settings);
        env.put("PORT", Integer.toString(port));
        env.put("KINFLOW_HOME", ROOT.resolve(home).toString());
        return new KinflowProcess(name, port, ROOT.resolve(home), env);
    }

    KinflowProcess start() {
        try {
            Files.createDirectories(home);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-jar", apiJar().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(k -> k.startsWith("KINFLOW_") || k.startsWith("SPRING_"));
            builder.environment().putAll(env);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    ApiClient client() {
        return new ApiClient(port);
    }

    /** Waits until {@code /actuator/health} answers UP (database and Temporal); returns how long that took. */
    Duration awaitHealthy(Duration timeout) {
        long start = System.nanoTime();
        ApiClient client = client();
        while (System.nanoTime() - start < timeout.toNanos()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was healthy; see "
                        + log);
            }
            try {
                var health = client.get("/actuator/health", null);
                if (health.status() == 200 && health.json("status").asString().equals("UP")) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (RuntimeException notListeningYet) {
                // connection refused until the web server is up
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError(name + " not healthy within " + timeout + "; see " + log);
    }

    /** Waits for the process to exit on its own; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, as in an OOM kill or a container kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A graceful stop (SIGTERM: shutdown hooks run), bounded; then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
