package dev.kinflow.bench;

import dev.kinflow.KinflowApplication;
import dev.kinflow.testing.AccountData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resets an account holding 100,000 contacts with their fields, addresses, notes and messages, while another account
 * keeps reading its contacts. Prints the reset's wall time (target ≤ 30 s) and the p99 latency of the other account's
 * {@code GET /api/contacts} during the reset (target ≤ 100 ms). Starts Kinflow in process with an embedded PostgreSQL
 * (fresh data directory, fsync on) and the embedded Temporal server in real time.
 *
 * <p>Run: {@code ./mvnw -pl testkit -am verify -DskipTests -Pbench -Dbench=ResetBenchmark [-Dbench.args="100000"]}
 */
public final class ResetBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN = "bench-admin-token";

    private ResetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path home = Files.createTempDirectory("kinflow-reset-bench");
        ConfigurableApplicationContext app = SpringApplication.run(KinflowApplication.class,
                "--kinflow.home=" + home, "--server.port=0", "--kinflow.admin-token=" + ADMIN,
                "--logging.level.root=WARN", "--logging.level.dev.kinflow=WARN");
        try {
            run(app, contacts);
        } finally {
            app.close();
        }
        // the embedded servers leave non-daemon threads behind, which exec:java would wait for forever
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext app, int contacts) throws Exception {
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        JsonNode resetAccount = post(base + "/admin/accounts", ADMIN, Map.of("name", "Bench Reset"));
        JsonNode reader = post(base + "/admin/accounts", ADMIN, Map.of("name", "Bench Reader"));
        UUID resetId = UUID.fromString(resetAccount.path("id").asString());
        Thread.sleep(2000); // let both bootstraps finish before seeding

        long seedStart = System.nanoTime();
        AccountData.seed(jdbc, resetId, new AccountData.Shape(contacts, contacts));
        AccountData.seed(jdbc, UUID.fromString(reader.path("id").asString()), new AccountData.Shape(5_000, 5_000));
        jdbc.sql("ANALYZE").update();
        Map<String, Long> counts = AccountData.counts(jdbc, resetId);
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("seeded %,d rows for the reset account in %.1f s: %s%n", rows,
                (System.nanoTime() - seedStart) / 1e9, counts);

        String readerKey = reader.path("apiKey").asString();
        List<Long> baseline = readContacts(base, readerKey, 300, new AtomicBoolean(true));

        AtomicBoolean resetting = new AtomicBoolean(true);
        List<Long> during = Collections.synchronizedList(new ArrayList<>());
        Thread readerThread = Thread.ofPlatform().start(() ->
                during.addAll(readContacts(base, readerKey, Integer.MAX_VALUE, resetting)));

        String key = resetAccount.path("apiKey").asString();
        long start = System.nanoTime();
        JsonNode started = post(base + "/api/account/reset", key, Map.of("confirm", "Bench Reset"));
        String jobId = started.path("jobId").asString();
        JsonNode job;
        do {
            Thread.sleep(100);
            job = get(base + "/api/jobs/" + jobId, key);
        } while ("running".equals(job.path("status").asString()));
        double wall = (System.nanoTime() - start) / 1e9;
        resetting.set(false);
        readerThread.join();

        System.out.printf("reset %s in %.1f s (target <= 30 s): %,d rows deleted (%,.0f rows/s), summary %s%n",
                job.path("status").asString(), wall, job.path("summary").path("deletedTotal").asLong(),
                job.path("summary").path("deletedTotal").asLong() / wall, job.path("summary").path("deleted"));
        System.out.println("per table, seconds after the reset started when it was empty: " + jdbc.sql("""
                        SELECT string_agg(format('%s %s rows @%ss', d.table_name, d.deleted,
                                                 round(extract(epoch FROM d.updated_at - j.created_at)::numeric, 1)),
                                          ', ' ORDER BY d.updated_at)
                        FROM reset_deletions d JOIN job_runs j ON j.id = d.job_id WHERE d.job_id = ?::uuid""")
                .param(jobId).query(String.class).single());
        System.out.println("other account GET /api/contacts before the reset: " + percentiles(baseline));
        System.out.println("other account GET /api/contacts during the reset: " + percentiles(during)
                + " (target p99 <= 100 ms)");
    }

    private static List<Long> readContacts(String base, String key, int max, AtomicBoolean go) {
        List<Long> latencies = new ArrayList<>();
        int visible = (int) get(base + "/api/contacts?limit=1", key).path("total").asLong();
        while (go.get() && latencies.size() < max) {
            int offset = ThreadLocalRandom.current().nextInt(0, visible - 20);
            long t = System.nanoTime();
            JsonNode page = get(base + "/api/contacts?limit=20&offset=" + offset, key);
            latencies.add((System.nanoTime() - t) / 1_000);
            if (page.path("items").size() != 20) {
                throw new IllegalStateException("the reader account lost contacts: " + page);
            }
        }
        return latencies;
    }

    private static String percentiles(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "no requests";
        }
        return String.format("%d requests, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.size(),
                at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.getLast() / 1000.0);
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1000.0;
    }

    private static JsonNode post(String url, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json"), token);
    }

    private static JsonNode get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
    }

    private static JsonNode send(HttpRequest.Builder request, String token) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
