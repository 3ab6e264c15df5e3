package dev.kinflow.bench;

import dev.kinflow.KinflowApplication;
import dev.kinflow.testing.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Device-result-to-item-status latency on a real running service: starts Kinflow in process (embedded PostgreSQL,
 * embedded Temporal in real time), creates an account, a device and a batch of {@code N} messages with limits that do
 * not hold them back, lets the device claim them all, then for each message measures the time from sending
 * {@code POST /client/send-queue/{id}/result} to {@code GET /api/outreach/batches/{id}} showing it as sent.
 * Target: p99 ≤ 200 ms.
 */
public final class DeviceResultLatencyBenchmark {

    static final String ADMIN = "bench-admin-token";
    static final int N = 300;

    public static void main(String[] args) throws Exception {
        Path home = Path.of("target/bench-latency-home");
        deleteRecursively(home);
        ConfigurableApplicationContext app = SpringApplication.run(KinflowApplication.class,
                "--server.port=0", "--kinflow.home=" + home, "--kinflow.admin-token=" + ADMIN,
                "--logging.level.root=WARN");
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            run(new ApiClient(port));
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static void run(ApiClient api) throws InterruptedException {
        JsonNode account = api.post("/admin/accounts", ADMIN, Map.of("name", "Latency bench", "defaultRegion", "FR"))
                .body();
        String key = account.path("apiKey").asString();
        while (api.get("/api/outreach/settings", key).status() != 200) {
            Thread.sleep(50);
        }
        Map<String, Object> settings = new HashMap<>(Map.of("paused", false, "maxPerMinute", 10_000,
                "maxPerHour", 100_000, "maxPerDay", 1_000_000, "minGapSeconds", 0, "ackTimeoutMinutes", 60));
        check(api.put("/api/outreach/settings", key, settings), 200);
        JsonNode device = api.post("/api/devices", key, Map.of("name", "bench phone")).body();
        String token = device.path("token").asString();
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            contacts.add(Map.of("firstName", "C" + i, "phones", List.of(Map.of("value", String.format("+336%08d", i)))));
        }
        check(api.post("/api/contacts/bulk", key, contacts), 201);
        ApiClient.Response batch = api.post("/api/outreach/batches", key, Map.of("template", "Hello {{firstName}}",
                "recipients", Map.of("all", true), "deviceId", device.path("id").asLong()));
        check(batch, 201);
        String batchPath = "/api/outreach/batches/" + batch.json("id").asLong();

        List<Long> queue = new ArrayList<>();
        while (queue.size() < N) {
            api.get("/client/send-queue/pending?limit=50", token).json("items")
                    .forEach(item -> queue.add(item.path("id").asLong()));
            Thread.sleep(20);
        }

        long[] visible = new long[N];
        long[] posted = new long[N];
        for (int i = 0; i < N; i++) {
            long start = System.nanoTime();
            check(api.post("/client/send-queue/" + queue.get(i) + "/result", token, Map.of("status", "sent")), 200);
            posted[i] = System.nanoTime() - start;
            while (api.get(batchPath, key).json("counts").path("sent").asLong() < i + 1) {
                Thread.onSpinWait();
            }
            visible[i] = System.nanoTime() - start;
        }
        long workflowStart = System.nanoTime();
        while (!api.get(batchPath, key).json("status").asString().equals("completed")) {
            Thread.sleep(5);
        }
        double completion = (System.nanoTime() - workflowStart) / 1e6;

        System.out.printf("DeviceResultLatencyBenchmark: %d results on a running service%n", N);
        System.out.printf("  result -> item status visible: p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 200 ms)%n",
                pct(visible, 50), pct(visible, 99), pct(visible, 100));
        System.out.printf("  POST result alone:             p50 %.1f ms, p99 %.1f ms%n", pct(posted, 50), pct(posted, 99));
        System.out.printf("  last result -> batch completed (workflow signalled): %.1f ms%n", completion);
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void check(ApiClient.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("Unexpected " + response.status() + ": " + response.raw());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
