package dev.kinflow.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kinflow.bench.FileImportBenchmark;
import dev.kinflow.testing.ApiClient;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The production topology on one machine, from the built api jar, as real processes (loopback only, each with its own
 * {@code KINFLOW_HOME} under {@code target/topology/}):
 * <ul>
 *   <li>one {@code KINFLOW_MODE=api} process with the embedded PostgreSQL and the embedded Temporal on loopback ports,
 *       two {@code worker} processes sharing them, one shared {@code KINFLOW_CREDENTIALS_KEY} — a worker started
 *       without it refuses to start; a 500-contact import from the fake Monica (in this JVM) completes with every
 *       contact exactly once although one worker is SIGKILLed in the middle of it, and so does a 40,000-row CSV file
 *       import running on both workers (every record once, created counted exactly); at the same time an outreach of 30
 *       messages with {@code maxPerMinute 20, minGapSeconds 2} is observed by a simulated device polling the REST API;</li>
 *   <li>the all-in-one process SIGKILLed and started again on the same home: healthy on the first try, data kept.</li>
 * </ul>
 * It runs once per build (testkit only) and prints its figures.
 */
class ProductionTopologyTest {

    static final Duration STARTUP = Duration.ofSeconds(240);
    static final String ADMIN = "topology-admin-token-" + Long.toHexString(new SecureRandom().nextLong());
    static final String MONICA_TOKEN = "topology-monica-token-3f9a";
    static final long POLL_INTERVAL_MILLIS = 100;

    @BeforeAll
    static void builtJar() {
        assumeTrue(KinflowProcess.apiJar() != null,
                "the api jar is not built: run through the reactor (./mvnw verify), which packages api first");
    }

    static Map<String, String> common(String key) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KINFLOW_ADMIN_TOKEN", ADMIN);
        env.put("KINFLOW_IMPORT_ALLOWED_HOSTS", "127.0.0.1/32");
        if (key != null) {
            env.put("KINFLOW_CREDENTIALS_KEY", key);
        }
        return env;
    }

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void theAllInOneProcessKilledWithSigkillIsHealthyOnTheFirstRestart() throws Exception {
        Map<String, String> env = common(null);
        String home = "all-in-one-" + System.currentTimeMillis();
        String apiKey;
        try (KinflowProcess first = KinflowProcess.of("all-in-one-first", home, env).start()) {
            first.awaitHealthy(STARTUP);
            var created = first.client().post("/admin/accounts", ADMIN, Map.of("name", "Survives a kill"));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            apiKey = created.json("apiKey").asString();
            first.kill();
        }
        try (KinflowProcess second = KinflowProcess.of("all-in-one-restart", home, env).start()) {
            Duration toHealthy = second.awaitHealthy(STARTUP);
            System.out.printf("[topology] all-in-one restart after SIGKILL: healthy in %.1f s on the first try%n",
                    toHealthy.toMillis() / 1000.0);
            var account = second.client().get("/api/account", apiKey);
            assertThat(account.status()).as("the account written before the kill is still there").isEqualTo(200);
            assertThat(account.json("name").asString()).isEqualTo("Survives a kill");
        }
    }

    @Test
    void apiAndTwoWorkersImportExactlyThroughAWorkerKillAndKeepOutreachLimitsAtTheDevice() throws Exception {
        String key = newKey();
        int pgPort = KinflowProcess.freePort();
        int temporalPort = KinflowProcess.freePort();
        long run = System.currentTimeMillis();
        Map<String, String> apiEnv = common(key);
        apiEnv.put("KINFLOW_MODE", "api");
        apiEnv.put("KINFLOW_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort));
        apiEnv.put("KINFLOW_TEMPORAL_PORT", Integer.toString(temporalPort));
        Map<String, String> workerEnv = common(key);
        workerEnv.put("KINFLOW_MODE", "worker");
        workerEnv.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
        workerEnv.put("SPRING_DATASOURCE_USERNAME", "postgres");
        workerEnv.put("SPRING_DATASOURCE_PASSWORD", "");
        workerEnv.put("SPRING_TEMPORAL_CONNECTION_TARGET", "127.0.0.1:" + temporalPort);
        Map<String, String> keylessEnv = new HashMap<>(workerEnv);
        keylessEnv.remove("KINFLOW_CREDENTIALS_KEY");

        try (KinflowProcess api = KinflowProcess.of("api", "api-" + run, apiEnv).start();
             KinflowProcess keyless = KinflowProcess.of("worker-keyless", "worker-keyless-" + run, keylessEnv).start()) {
            assertThat(keyless.awaitExit(STARTUP)).as("a worker without the key refuses to start").isNotZero();
            assertThat(keyless.output()).contains("KINFLOW_CREDENTIALS_KEY is required because KINFLOW_MODE=worker");
            api.awaitHealthy(STARTUP);
            try (KinflowProcess worker1 = KinflowProcess.of("worker-1", "worker-1-" + run, workerEnv).start();
                 KinflowProcess worker2 = KinflowProcess.of("worker-2", "worker-2-" + run, workerEnv).start();
                 FakeMonicaServer monica = new FakeMonicaServer(MonicaDataset.generate(MonicaDataset.Spec.of(500)),
                         MONICA_TOKEN).latencyMillis(20).rateLimitPerMinute(60);
                 Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                         "postgres", "")) {
                worker1.awaitHealthy(STARTUP);
                worker2.awaitHealthy(STARTUP);
                ApiClient rest = api.client();

                Outreach outreach = Outreach.prepare(rest, db);
                String importerKey = newAccount(rest, "Importer");
                var started = rest.post("/api/imports", importerKey, Map.of("source", "monica",
                        "baseUrl", monica.baseUrl(), "apiToken", MONICA_TOKEN,
                        "options", Map.of("photos", false, "extraData", false, "autoMerge", false,
                                "requestsPerMinute", 20)));
                assertThat(started.status()).as(started.raw()).isEqualTo(202);
                String importId = started.json("id").asString();
                CompletableFuture<List<Seen>> device = outreach.start();
                FileImport file = FileImport.start(rest);

                await(Duration.ofSeconds(120), () -> monica.requests().size() >= 3 && file.recordsDone() > 0,
                        "the Monica import's first requests and the file import's first chunks");
                worker1.kill();
                int requestsAtKill = monica.requests().size();
                long fileRecordsAtKill = file.recordsDone();

                JsonNode finished = awaitValue(Duration.ofSeconds(300), () -> {
                    var view = rest.get("/api/imports/" + importId, importerKey);
                    return view.json("status").asString().equals("running") ? null : view.body();
                }, () -> "the import to finish on the surviving worker; last seen: "
                        + rest.get("/api/imports/" + importId, importerKey).raw());
                assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("completed");
                List<Long> imported = longs(db, """
                        SELECT CAST(r.source_id AS bigint) FROM import_records r JOIN contacts c ON c.id = r.contact_id
                        WHERE r.account_id = CAST('%s' AS uuid) AND r.source_type = 'contact' AND NOT c.is_partial"""
                        .formatted(accountId(rest, importerKey)));
                assertThat(imported).as("every contact once").doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(monica.listedIds());
                assertThat(finished.path("summary").path("contacts").path("errors").asLong()).isZero();
                System.out.printf("[topology] import: %d contacts listed, %d imported once each, %d Monica requests"
                                + " (%d before worker-1 was SIGKILLed), job %s%n", monica.listedIds().size(),
                        imported.size(), monica.requests().size(), requestsAtKill, finished.path("status").asString());

                file.verify(db, fileRecordsAtKill);

                List<Seen> seen = device.get(240, TimeUnit.SECONDS);
                outreach.verify(seen);
            }
        }
    }

    /**
     * A CSV file import into its own account, running on both workers while worker-1 is SIGKILLed: every record once,
     * and the counts exact (a chunk that committed but whose completion was lost returns its stored result).
     */
    record FileImport(ApiClient rest, String apiKey, String importId) {

        static final int ROWS = 40_000;

        static FileImport start(ApiClient rest) throws Exception {
            String apiKey = newAccount(rest, "File importer");
            Path csv = Files.createTempFile("kinflow-topology-", ".csv");
            try {
                FileImportBenchmark.writeCsv(csv, ROWS, 7);
                var started = rest.postMultipart("/api/imports", apiKey, Map.of("source", "csv",
                        "options", "{\"autoMerge\":false,\"defaultRegion\":\"FR\"}"), "contacts.csv",
                        Files.readAllBytes(csv));
                assertThat(started.status()).as(started.raw()).isEqualTo(202);
                return new FileImport(rest, apiKey, started.json("id").asString());
            } finally {
                Files.deleteIfExists(csv);
            }
        }

        long recordsDone() {
            var view = rest.get("/api/imports/" + importId, apiKey);
            return view.json("status").asString().equals("running")
                    ? view.json("progress").path("done").asLong(0) : ROWS;
        }

        void verify(Connection db, long recordsAtKill) throws Exception {
            JsonNode finished = awaitValue(Duration.ofSeconds(300), () -> {
                var view = rest.get("/api/imports/" + importId, apiKey);
                return view.json("status").asString().equals("running") ? null : view.body();
            }, () -> "the file import to finish; last seen: " + rest.get("/api/imports/" + importId, apiKey).raw());
            assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("completed");
            String account = accountId(rest, apiKey);
            List<Long> records = longs(db, """
                    SELECT CAST(source_id AS bigint) FROM import_records
                    WHERE account_id = CAST('%s' AS uuid) AND source_type = 'contact'""".formatted(account));
            assertThat(records).as("every record once").doesNotHaveDuplicates().hasSize(ROWS);
            assertThat(longs(db, "SELECT count(*) FROM contacts WHERE account_id = CAST('%s' AS uuid)"
                    .formatted(account))).containsExactly((long) ROWS);
            assertThat(finished.path("summary").path("contacts").path("created").asLong())
                    .as("created counted exactly once per record").isEqualTo(ROWS);
            assertThat(finished.path("summary").path("records").path("read").asLong()).isEqualTo(ROWS);
            System.out.printf("[topology] file import: %d rows, %d done when worker-1 was SIGKILLed, %d contacts"
                    + " created once each, job %s%n", ROWS, recordsAtKill, records.size(),
                    finished.path("status").asString());
        }
    }

    /** What the device saw of one message: the poll that returned it, and the start of the poll before it. */
    record Seen(long queueId, long previousPollStartNanos, long returnedNanos) {

        /** How uncertain the instant it became claimable is: it lies in (previous poll start, returned]. */
        long uncertaintyNanos() {
            return returnedNanos - previousPollStartNanos;
        }
    }

    /** The outreach half: an account, 30 recipients in two batches, a device that polls and confirms. */
    static final class Outreach {

        static final int MESSAGES = 30;
        static final int PER_MINUTE = 20;
        static final int MIN_GAP_SECONDS = 2;

        final ApiClient rest;
        final Connection db;
        String apiKey;
        String accountId;
        String deviceToken;
        long deviceId;
        final List<Long> batchIds = new ArrayList<>();

        Outreach(ApiClient rest, Connection db) {
            this.rest = rest;
            this.db = db;
        }

        static Outreach prepare(ApiClient rest, Connection db) {
            Outreach o = new Outreach(rest, db);
            o.apiKey = newAccount(rest, "Outreach");
            o.accountId = accountId(rest, o.apiKey);
            await(Duration.ofSeconds(120), () -> rest.get("/api/outreach/settings", o.apiKey).status() == 200,
                    "the account bootstrap to provision outreach settings");
            Map<String, Object> settings = new HashMap<>();
            settings.put("paused", false);
            settings.put("maxPerMinute", PER_MINUTE);
            settings.put("maxPerHour", 1000);
            settings.put("maxPerDay", 10000);
            settings.put("minGapSeconds", MIN_GAP_SECONDS);
            settings.put("quietHoursStart", null);
            settings.put("quietHoursEnd", null);
            settings.put("timezone", "UTC");
            settings.put("ackTimeoutMinutes", 30);
            var saved = rest.put("/api/outreach/settings", o.apiKey, settings);
            assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
            var device = rest.post("/api/devices", o.apiKey, Map.of("name", "phone"));
            assertThat(device.status()).as(device.raw()).isEqualTo(201);
            o.deviceToken = device.json("token").asString();
            o.deviceId = device.json("id").asLong();
            List<Map<String, Object>> people = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                people.add(Map.of("firstName", "P" + i, "phones", List.of(Map.of("value", "+336120000" + (10 + i)))));
            }
            var bulk = rest.post("/api/contacts/bulk", o.apiKey, people);
            assertThat(bulk.status()).as(bulk.raw()).isEqualTo(201);
            List<Long> ids = new ArrayList<>();
            bulk.json("ids").forEach(id -> ids.add(id.asLong()));
            o.contactIds = ids;
            return o;
        }

        List<Long> contactIds;

        /** Starts two batches of 15 (one account budget, two workflows the two workers share) and the device. */
        CompletableFuture<List<Seen>> start() {
            for (List<Long> half : List.of(contactIds.subList(0, MESSAGES / 2),
                    contactIds.subList(MESSAGES / 2, MESSAGES))) {
                var batch = rest.post("/api/outreach/batches", apiKey, Map.of("template", "Hello {{firstName}}",
                        "recipients", Map.of("contactIds", half), "deviceId", deviceId));
                assertThat(batch.status()).as(batch.raw()).isEqualTo(201);
                batchIds.add(batch.json("id").asLong());
            }
            return CompletableFuture.supplyAsync(this::poll);
        }

        /**
         * The device: polls every 100 ms and confirms what it got, until it has seen every message (bounded). Results
         * are posted from another thread, so confirming never delays the next poll.
         */
        private List<Seen> poll() {
            List<Seen> seen = new ArrayList<>();
            java.util.concurrent.ExecutorService results = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(230).toNanos();
                long previousStart = System.nanoTime();
                while (seen.size() < MESSAGES && System.nanoTime() < deadline) {
                    long pollStart = System.nanoTime();
                    var pending = rest.get("/client/send-queue/pending?limit=50", deviceToken);
                    long returned = System.nanoTime();
                    for (JsonNode item : pending.json("items")) {
                        long id = item.path("id").asLong();
                        seen.add(new Seen(id, previousStart, returned));
                        results.submit(() -> rest.post("/client/send-queue/" + id + "/result", deviceToken,
                                Map.of("status", "sent")));
                    }
                    previousStart = pollStart;
                    long next = pollStart + Duration.ofMillis(POLL_INTERVAL_MILLIS).toNanos() - System.nanoTime();
                    if (next > 0) {
                        KinflowProcess.pause(Duration.ofNanos(next));
                    }
                }
            } finally {
                results.shutdown();
            }
            return seen;
        }

        void verify(List<Seen> seen) throws Exception {
            assertThat(seen).hasSize(MESSAGES);
            assertThat(seen).extracting(Seen::queueId).doesNotHaveDuplicates();
            long minGap = Long.MAX_VALUE;
            long maxUncertainty = 0;
            int maxIn60 = 0;
            for (int i = 0; i < seen.size(); i++) {
                Seen a = seen.get(i);
                maxUncertainty = Math.max(maxUncertainty, a.uncertaintyNanos());
                if (i + 1 < seen.size()) {
                    Seen b = seen.get(i + 1);
                    minGap = Math.min(minGap, b.returnedNanos() - a.returnedNanos());
                    // a became claimable after a.previousPollStart, b no later than b.returned: if the true gap is
                    // >= 2 s, then this holds — the device can check no more than that, and no less
                    assertThat(b.returnedNanos() - a.previousPollStartNanos())
                            .as("gap between messages %d and %d, at the device within its poll uncertainty", i, i + 1)
                            .isGreaterThanOrEqualTo(Duration.ofSeconds(MIN_GAP_SECONDS).toNanos());
                }
                if (i + PER_MINUTE < seen.size()) {
                    Seen c = seen.get(i + PER_MINUTE);
                    assertThat(c.returnedNanos() - a.previousPollStartNanos())
                            .as("messages %d..%d (21 of them) span at least 60 s at the device", i, i + PER_MINUTE)
                            .isGreaterThanOrEqualTo(Duration.ofSeconds(60).toNanos());
                }
                int inWindow = 0;
                for (Seen other : seen) {
                    long d = other.returnedNanos() - a.returnedNanos();
                    if (d >= 0 && d < Duration.ofSeconds(60).toNanos()) {
                        inWindow++;
                    }
                }
                maxIn60 = Math.max(maxIn60, inWindow);
            }
            // the record on the database clock: exact, no tolerance
            List<long[]> record = new ArrayList<>();
            try (var st = db.prepareStatement("""
                    SELECT (extract(epoch FROM available_at) * 1000000)::bigint,
                           (extract(epoch FROM claimed_at) * 1000000)::bigint
                    FROM send_queue WHERE account_id = CAST(? AS uuid) ORDER BY available_at""")) {
                st.setString(1, accountId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        record.add(new long[]{rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            assertThat(record).hasSize(MESSAGES);
            long minRecordedGap = Long.MAX_VALUE;
            for (int i = 0; i < record.size(); i++) {
                assertThat(record.get(i)[1]).as("claimed no earlier than available").isGreaterThanOrEqualTo(record.get(i)[0]);
                if (i > 0) {
                    minRecordedGap = Math.min(minRecordedGap, record.get(i)[0] - record.get(i - 1)[0]);
                }
                if (i + PER_MINUTE < record.size()) {
                    assertThat(record.get(i + PER_MINUTE)[0] - record.get(i)[0]).isGreaterThanOrEqualTo(60_000_000L);
                }
            }
            assertThat(minRecordedGap).isGreaterThanOrEqualTo(MIN_GAP_SECONDS * 1_000_000L);
            long medianUncertainty = seen.stream().mapToLong(Seen::uncertaintyNanos).sorted()
                    .skip(seen.size() / 2).findFirst().orElseThrow();
            System.out.printf("[topology] outreach at the device (2 batches x 15, two workers, poll every %d ms):"
                            + " at first sighting max %d messages in any 60 s and min gap %.3f s; poll uncertainty"
                            + " median %.3f s, max %.3f s (the checks allow exactly each sighting's own uncertainty);"
                            + " on the database clock: min gap %.3f s, every 21 consecutive span >= 60 s%n",
                    POLL_INTERVAL_MILLIS, maxIn60, minGap / 1e9, medianUncertainty / 1e9, maxUncertainty / 1e9,
                    minRecordedGap / 1e6);
            assertThat(medianUncertainty).as("the device really polled about every %d ms", POLL_INTERVAL_MILLIS)
                    .isLessThan(Duration.ofSeconds(1).toNanos());
        }
    }

    static String newAccount(ApiClient rest, String name) {
        var created = rest.post("/admin/accounts", ADMIN, Map.of("name", name + " " + System.nanoTime()));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json("apiKey").asString();
    }

    static String accountId(ApiClient rest, String apiKey) {
        return rest.get("/api/account", apiKey).json("id").asString();
    }

    static List<Long> longs(Connection db, String sql) throws Exception {
        List<Long> values = new ArrayList<>();
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    static void await(Duration timeout, java.util.function.BooleanSupplier condition, String what) {
        awaitValue(timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null, what);
    }

    static <T> T awaitValue(Duration timeout, java.util.function.Supplier<T> value, String what) {
        return awaitValue(timeout, value, () -> what);
    }

    static <T> T awaitValue(Duration timeout, java.util.function.Supplier<T> value,
                            java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            KinflowProcess.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what.get() + "; logs in "
                + KinflowProcess.ROOT);
    }
}
