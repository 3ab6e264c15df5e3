package dev.kinflow.bench;

import dev.kinflow.imports.ContactImportWorkflow;
import dev.kinflow.imports.ImportOptions;
import dev.kinflow.imports.ImportResult;
import dev.kinflow.testkit.imports.ImportHarness;
import dev.kinflow.testkit.imports.RequestLowerBound;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Import benchmark (not a test). Run with
 * {@code ./mvnw -pl testkit -am verify -DskipTests -Pbench -Dbench=ImportBenchmark
 * [-Dbench.args="<contacts> <paced contacts> <requests per minute> <extra data and photos: true|false>
 * <listing drift>"]}, defaults {@code 10000 1000 55 true 0}; add {@code -Dbench.jfr=<file>} for a JFR profile of the
 * measured imports. A throughput size of 0 skips the throughput part.
 *
 * <ol>
 *   <li>Throughput: N contacts (default 10,000) with emails, phones and addresses from the fake Monica, no rate limit,
 *   no latency; the real workflow and activities, PostgreSQL, Temporal's in-process test server. After a warm-up,
 *   imports the dataset {@value #MEASURED_RUNS} times into new accounts and prints, for each, the wall time from start
 *   to completed job, contacts/s and the CPU the JVM (JIT included) and PostgreSQL used meanwhile; then the median.
 *   The fake serves contacts it rendered beforehand, as a real Monica renders on its own machine.</li>
 *   <li>Pacing: M contacts (default 1,000) with extra data and photos, 55 requests/min at the fake and in the import.
 *   Runs on the test server's clock, which skips the workflow's timers when it can (request processing still takes
 *   real time; when the server does not skip, the run takes real time). Prints the import's duration on the
 *   workflow clock against the theoretical minimum for the requests it made: with at most L requests in any 60 s,
 *   R requests need at least {@code floor((R - 1) / L) * 60 s}. Also prints the requests against the fewest an import
 *   of that Monica can make ({@link RequestLowerBound}) and their ratio.</li>
 * </ol>
 */
public final class ImportBenchmark {

    private static final String TOKEN = "bench-token";
    private static final int WARM_UP_IMPORTS = 4;
    private static final int MEASURED_RUNS = 5;

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int throughputContacts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int pacedContacts = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int perMinute = args.length > 2 ? Integer.parseInt(args[2]) : ImportOptions.DEFAULT_REQUESTS_PER_MINUTE;
        boolean extra = args.length <= 3 || Boolean.parseBoolean(args[3]);
        double drift = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        if (throughputContacts > 0) {
            throughput(throughputContacts);
        }
        pacing(pacedContacts, perMinute, extra, drift);
        System.exit(0);
    }

    private static void throughput(int n) throws Exception {
        try (ImportHarness harness = new ImportHarness();
             FakeMonicaServer monica = new FakeMonicaServer(MonicaDataset.generate(MonicaDataset.Spec.of(n).plain()),
                     TOKEN).renderContactsOnce()) {
            WorkerFactory workers = harness.startWorkers();
            warmUp(harness);
            List<Double> rates = new ArrayList<>();
            Recording recording = startRecording();
            for (int run = 1; run <= MEASURED_RUNS; run++) {
                settle(harness);
                rates.add(measuredImport(harness, monica, n, run));
            }
            stopRecording(recording);
            Collections.sort(rates);
            System.out.printf("%nImportBenchmark throughput: median %.0f contacts/s over %d imports of %d contacts "
                    + "(slowest %.0f, fastest %.0f)%n", rates.get(rates.size() / 2), rates.size(), n, rates.getFirst(),
                    rates.getLast());
            workers.shutdownNow();
        }
    }

    /**
     * One import of the whole dataset into a new account, timed from start to completed job; then the duplicate scan it
     * started is awaited (untimed), so that it does not compete with the next run. Returns contacts/s.
     */
    private static double measuredImport(ImportHarness harness, FakeMonicaServer monica, int n, int run)
            throws Exception {
        UUID account = harness.newAccount("FR");
        CpuTimes cpuAtStart = CpuTimes.now();
        long jitAtStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long start = System.nanoTime();
        ContactImportWorkflow workflow = harness.startImport(account, monica.baseUrl(), TOKEN,
                new ImportOptions(false, false, false, "FR", 600));
        ImportResult result = WorkflowStub.fromTyped(workflow).getResult(30, TimeUnit.MINUTES, ImportResult.class);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuTimes cpu = CpuTimes.now().since(cpuAtStart);
        double jit = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitAtStart) / 1000.0;
        awaitDuplicateScan(harness, result);
        long fields = harness.jdbc.sql("SELECT count(*) FROM contact_fields WHERE account_id = ?").param(account)
                .query(Long.class).single();
        long addresses = harness.jdbc.sql("SELECT count(*) FROM addresses WHERE account_id = ?").param(account)
                .query(Long.class).single();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("%nImportBenchmark throughput run %d: %d contacts (%d fields, %d addresses) imported in "
                        + "%.2f s = %.0f contacts/s (%d Monica requests, created %d); CPU used meanwhile: JVM %.1f s "
                        + "(JIT compiling for %.1f s, summed over its threads), PostgreSQL %.1f s, of %.1f s on %d "
                        + "cores%n", run, n, fields,
                addresses, seconds, n / seconds, result.requests().total(), result.contacts().created(),
                cpu.jvmSeconds(), jit, cpu.postgresSeconds(), seconds * cores, cores);
        return n / seconds;
    }

    /**
     * VACUUM ANALYZE before each measured import (untimed), so that each starts from the same settled database: the
     * previous imports' rows vacuumed and counted, as autovacuum leaves a long-running database between imports.
     * Without it, autovacuum passes over the earlier runs' 100k+ rows landed inside the later measured runs and
     * doubled PostgreSQL's CPU there.
     */
    private static void settle(ImportHarness harness) {
        harness.jdbc.sql("VACUUM ANALYZE").update();
    }

    private static void awaitDuplicateScan(ImportHarness harness, ImportResult result) throws Exception {
        harness.env.getWorkflowClient().newUntypedWorkflowStub(result.duplicateScan())
                .getResult(5, TimeUnit.MINUTES, Object.class);
    }

    /** With {@code -Dbench.jfr=<file>}, a JFR profile (settings "profile") of the measured imports only. */
    private static Recording startRecording() throws Exception {
        String file = System.getProperty("bench.jfr");
        if (file == null || file.isBlank()) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.enable("jdk.CPUTimeSample").with("throttle", "1ms");
        recording.setDestination(Path.of(file));
        recording.start();
        return recording;
    }

    private static void stopRecording(Recording recording) {
        if (recording != null) {
            recording.stop();
            recording.close();
            System.out.println("JFR profile written to " + System.getProperty("bench.jfr"));
        }
    }

    /**
     * {@link #WARM_UP_IMPORTS} imports of 5,000 contacts first, each followed by the duplicate scan it starts, until
     * the JIT has compiled the hot paths and connection pools and the test server are warm (a long-running worker):
     * with two imports of 2,000, the JIT was still compiling the mapping and libphonenumber during the measured import,
     * about 4 s of compiler CPU out of 6.
     */
    private static void warmUp(ImportHarness harness) throws Exception {
        for (int round = 1; round <= WARM_UP_IMPORTS; round++) {
            try (FakeMonicaServer small = new FakeMonicaServer(MonicaDataset.generate(MonicaDataset.Spec.of(5_000)
                    .plain().withSeed(round)), TOKEN)) {
                ContactImportWorkflow warm = harness.startImport(harness.newAccount("FR"), small.baseUrl(), TOKEN,
                        new ImportOptions(false, false, false, "FR", 600));
                awaitDuplicateScan(harness, WorkflowStub.fromTyped(warm).getResult(5, TimeUnit.MINUTES,
                        ImportResult.class));
            }
        }
    }

    private static void pacing(int n, int limit, boolean extra, double drift) throws Exception {
        try (ImportHarness harness = new ImportHarness();
             FakeMonicaServer monica = new FakeMonicaServer(MonicaDataset.generate(MonicaDataset.Spec.of(n)), TOKEN)) {
            monica.clock(harness.env::currentTimeMillis).rateLimitPerMinute(Math.max(60, limit)).driftRate(drift);
            WorkerFactory workers = harness.startWorkers();
            UUID account = harness.newAccount("FR");
            long start = harness.env.currentTimeMillis();
            ContactImportWorkflow workflow = harness.startImport(account, monica.baseUrl(), TOKEN,
                    new ImportOptions(extra, false, extra, "FR", limit));
            ImportResult result = WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.MINUTES, ImportResult.class);
            long elapsed = harness.env.currentTimeMillis() - start;
            long requests = monica.requests().size();
            long minimum = (requests - 1) / limit * 60_000L;
            System.out.printf("%nImportBenchmark pacing: %d contacts, %d Monica requests at %d/min: %.1f s on the "
                            + "workflow clock vs theoretical minimum %.1f s (%+.2f%%); max requests in any 60 s at the "
                            + "fake: %d; 429s: %d; created %d, extra items %d, photos synced %d%n", n, requests, limit,
                    elapsed / 1000.0, minimum / 1000.0, 100.0 * (elapsed - minimum) / minimum,
                    monica.maxRequestsInAnyWindow(TOKEN, 60_000),
                    monica.requests().stream().filter(r -> r.status() == 429).count(), result.contacts().created(),
                    result.extraItems(), result.photos().synced());
            RequestLowerBound bound = RequestLowerBound.of(monica, harness.jdbc, account, extra, extra);
            System.out.printf("ImportBenchmark requests: %d against the lower bound %d (%d contact pages + 1 total + "
                            + "%d unseen ids in the range + %d photo pages + %d extra-data listing pages) = %.2f x; "
                            + "listing drift %.3f; extra data %s; wall time at %d/min: %.1f min%n", requests,
                    bound.total(), bound.contactPages(), bound.unseenIdsInRange(), bound.photoPages(),
                    bound.extraDataPages(), (double) requests / bound.total(), drift, result.extraData(), limit,
                    elapsed / 60_000.0);
            System.out.printf("ImportBenchmark requests by target: %s%n", requestsByTarget(monica.requests()));
            workers.shutdownNow();
        }
    }

    /** Monica requests grouped by target (path without query, ids replaced by {id}), largest first. */
    static java.util.Map<String, Long> requestsByTarget(java.util.List<FakeMonicaServer.Request> requests) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (FakeMonicaServer.Request r : requests) {
            String path = r.path().replaceAll("\\?.*$", "").replaceAll("/\\d+", "/{id}");
            counts.merge(path, 1L, Long::sum);
        }
        java.util.Map<String, Long> sorted = new java.util.LinkedHashMap<>();
        counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
