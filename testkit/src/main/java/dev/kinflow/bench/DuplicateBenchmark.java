package dev.kinflow.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kinflow.duplicates.DuplicateScanActivities;
import dev.kinflow.duplicates.DuplicateScanActivitiesImpl;
import dev.kinflow.duplicates.DuplicateScanRepository;
import dev.kinflow.duplicates.DuplicateScanResult;
import dev.kinflow.duplicates.LabeledContact;
import dev.kinflow.duplicates.LabeledContactLoader;
import dev.kinflow.duplicates.LabeledPeopleGenerator;
import dev.kinflow.duplicates.ScanDriver;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Duplicate detection quality and speed on labeled generated data: loads {@code records} contacts (about
 * {@code share} of them duplicates) with COPY, runs a full scan, measures precision/recall/F1 of the pending
 * candidates against the labels, then adds {@code incremental} more contacts and times an incremental scan.
 *
 * <p>Args: {@code [records=100000] [share=0.02] [seed=42] [incremental=1000] [verbose=false]}.
 */
public final class DuplicateBenchmark {

    private DuplicateBenchmark() {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double share = args.length > 1 ? Double.parseDouble(args[1]) : 0.02;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        int incremental = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        boolean verbose = args.length > 4 && Boolean.parseBoolean(args[4]);

        TestDatabase.Database db = TestDatabase.fresh();
        if (System.getenv("BENCH_SLOW_MS") != null) {
            JdbcClient.create(db.dataSource()).sql("ALTER DATABASE " + db.name() + " SET log_min_duration_statement = "
                    + Integer.parseInt(System.getenv("BENCH_SLOW_MS"))).update();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            UUID account = Jdbc.newAccount(jdbc, "Benchmark", "FR");
            List<LabeledContact> people = new LabeledPeopleGenerator(seed).generate(records + incremental, share);

            long t0 = System.nanoTime();
            Map<Long, Integer> labels = new HashMap<>(LabeledContactLoader.load(ds, account, "FR",
                    people.subList(0, records)));
            for (String table : List.of("contacts", "contact_fields", "addresses")) {
                jdbc.sql("UPDATE " + table + " SET updated_at = now() - interval '1 day' WHERE account_id = ?")
                        .param(account).update();
            }
            jdbc.sql("VACUUM ANALYZE").update();
            System.out.printf(Locale.ROOT, "loaded %d contacts (COPY + analyze) in %.1f s%n", records, secs(t0));

            TestActivityEnvironment env = TestActivityEnvironment.newInstance();
            env.registerActivitiesImplementations(new DuplicateScanActivitiesImpl(
                    new DuplicateScanRepository(jdbc, new DataSourceTransactionManager(ds), Jdbc.JSON)));
            DuplicateScanActivities scan = env.newActivityStub(DuplicateScanActivities.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(30))
                            .setHeartbeatTimeout(Duration.ofMinutes(5)).build());

            long t1 = System.nanoTime();
            DuplicateScanResult full = ScanDriver.scan(scan, account.toString(), true, 5_000);
            double fullSecs = secs(t1);
            System.out.printf(Locale.ROOT, "full scan: %d contacts, %d candidate rows in %.1f s%n", full.contactsScanned(), full.candidates(),
                    fullSecs);
            report(jdbc, account, labels, verbose);

            Map<Long, Integer> added = LabeledContactLoader.load(ds, account, "FR",
                    people.subList(records, records + incremental));
            labels.putAll(added);
            jdbc.sql("ANALYZE contacts").update();
            long t2 = System.nanoTime();
            DuplicateScanResult inc = ScanDriver.scan(scan, account.toString(), false, 5_000);
            System.out.printf(Locale.ROOT, "incremental scan: %d new contacts against %d, %d candidate rows in %.2f s%n",
                    inc.contactsScanned(), records + incremental, inc.candidates(), secs(t2));
            report(jdbc, account, labels, verbose);
            System.out.printf(Locale.ROOT, "peak JVM heap used: %d MB (max heap %d MB)%n", peakHeapMb(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            env.close();
        }
        System.exit(0);
    }

    /** Precision, recall and F1 of the pending candidates against the labels. */
    private static void report(JdbcClient jdbc, UUID account, Map<Long, Integer> labels, boolean verbose) {
        Map<Integer, Integer> recordsPerPerson = new HashMap<>();
        labels.values().forEach(p -> recordsPerPerson.merge(p, 1, Integer::sum));
        long truePairs = recordsPerPerson.values().stream().mapToLong(n -> (long) n * (n - 1) / 2).sum();
        long[] tpFp = new long[2];
        java.util.Set<String> found = new java.util.HashSet<>();
        jdbc.sql("SELECT contact_a, contact_b, score, CAST(reasons AS text) AS r FROM duplicate_candidates "
                        + "WHERE account_id = ? AND status = 'pending'")
                .param(account).query((RowCallbackHandler) rs -> {
                    long a = rs.getLong(1);
                    long b = rs.getLong(2);
                    boolean same = labels.get(a).equals(labels.get(b));
                    tpFp[same ? 0 : 1]++;
                    found.add(a + "-" + b);
                    if (!same && verbose) {
                        System.out.println("  FP " + rs.getDouble(3) + " " + rs.getString(4));
                    }
                });
        if (verbose) {
            Map<Integer, List<Long>> byPerson = new HashMap<>();
            labels.forEach((id, p) -> byPerson.computeIfAbsent(p, k -> new java.util.ArrayList<>()).add(id));
            int shown = 0;
            for (List<Long> ids : byPerson.values()) {
                if (ids.size() < 2 || shown > 40) {
                    continue;
                }
                long a = Math.min(ids.get(0), ids.get(1));
                long b = Math.max(ids.get(0), ids.get(1));
                if (!found.contains(a + "-" + b)) {
                    shown++;
                    System.out.println("  FN " + describe(jdbc, a) + "  |  " + describe(jdbc, b));
                }
            }
        }
        double precision = tpFp[0] + tpFp[1] == 0 ? 1 : (double) tpFp[0] / (tpFp[0] + tpFp[1]);
        double recall = truePairs == 0 ? 1 : (double) tpFp[0] / truePairs;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        System.out.printf(Locale.ROOT, "quality: %d true pairs, %d pending candidates, TP %d, FP %d -> precision %.4f, "
                + "recall %.4f, F1 %.4f%n", truePairs, tpFp[0] + tpFp[1], tpFp[0], tpFp[1], precision, recall, f1);
    }

    private static String describe(JdbcClient jdbc, long id) {
        return jdbc.sql("""
                        SELECT c.first_name || ' ' || coalesce(c.last_name, '') || ' ' || coalesce(c.birthdate::text, '')
                               || ' [' || coalesce((SELECT string_agg(value, ',') FROM contact_fields WHERE contact_id = c.id), '')
                               || '] [' || coalesce((SELECT string_agg(normalized_key, ',') FROM addresses WHERE contact_id = c.id), '') || ']'
                        FROM contacts c WHERE id = ?""").param(id).query(String.class).single();
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
