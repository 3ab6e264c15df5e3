package dev.kinflow.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kinflow.accounts.AccountRepository;
import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.TaskQueues;
import dev.kinflow.duplicates.AutoMergeActivitiesImpl;
import dev.kinflow.duplicates.DuplicateScanActivitiesImpl;
import dev.kinflow.duplicates.DuplicateScanRepository;
import dev.kinflow.duplicates.DuplicateScanStarter;
import dev.kinflow.duplicates.DuplicateScanWorkflowImpl;
import dev.kinflow.duplicates.MergeService;
import dev.kinflow.imports.CredentialStore;
import dev.kinflow.imports.ExtraItemWriter;
import dev.kinflow.imports.FileChunkImporter;
import dev.kinflow.imports.FileFormat;
import dev.kinflow.imports.FileImportActivitiesImpl;
import dev.kinflow.imports.FileImportResult;
import dev.kinflow.imports.FileImportStarter;
import dev.kinflow.imports.FileImportWorkflowImpl;
import dev.kinflow.imports.FileUploadOptions;
import dev.kinflow.imports.FileUploadStore;
import dev.kinflow.imports.ImportDataActivitiesImpl;
import dev.kinflow.imports.ImportFileRepository;
import dev.kinflow.imports.ImportStarter;
import dev.kinflow.imports.FreshRecordWriter;
import dev.kinflow.imports.ImportWriter;
import dev.kinflow.imports.MonicaHttpProperties;
import dev.kinflow.imports.PhotoWriter;
import dev.kinflow.jobs.JobActivitiesImpl;
import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobRunRepository;
import dev.kinflow.testing.TestDatabase;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * File import benchmark (not a test). Run with
 * {@code MAVEN_OPTS=-Xmx512m ./mvnw -pl testkit -am verify -DskipTests -Pbench -Dbench=FileImportBenchmark
 * [-Dbench.args="<rows> <runs>"]}, defaults {@code 100000 2}: the benchmark runs inside Maven's JVM, so
 * {@code -Xmx512m} caps the heap of the whole "worker" (upload, workflow, activities, Temporal's test server).
 *
 * <p>Writes a Google-Contacts-shaped CSV of N rows (first and last name, 1–3 emails, 1–3 phones, one address, two
 * tags) to a temporary file, then, after a warm-up import of 10,000 rows, imports it into new accounts through the
 * real path: {@link FileImportStarter} (streaming parse, chunks into PostgreSQL, job recorded, workflow started) and
 * {@code FileImportWorkflow} with the real activities on a worker, to the completed job. Prints, per run, the upload
 * and import times, contacts/s end to end, the rows written, the CPU the JVM and PostgreSQL used and the heap's peak.
 */
public final class FileImportBenchmark {

    private FileImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path csv = Files.createTempFile("kinflow-bench-", ".csv");
        Path warmUpCsv = Files.createTempFile("kinflow-bench-warm-", ".csv");
        try (Bench bench = new Bench()) {
            writeCsv(csv, rows, 1);
            writeCsv(warmUpCsv, 10_000, 2);
            System.out.printf("%nFileImportBenchmark: %d rows, %.1f MB CSV; heap max %d MB; %d cores%n", rows,
                    Files.size(csv) / 1e6, Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            bench.run(warmUpCsv, 10_000, "warm-up");
            for (int run = 1; run <= runs; run++) {
                bench.run(csv, rows, "run " + run);
            }
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(warmUpCsv);
        }
        System.exit(0);
    }

    private static final String[] SYLLABLES = {"ma", "ri", "lo", "an", "de", "su", "ki", "to", "ne", "la", "be",
        "mo", "ja", "el", "vi", "ro", "ta", "no", "se", "li", "ga", "po", "me", "ni", "ca", "du", "fe", "ho", "zi", "ra"};
    private static final String[] CITIES = {"Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Lille"};

    /** A name from two or three syllables: 27,900 first names and as many last names, repeating like real ones. */
    private static String name(Random random) {
        StringBuilder name = new StringBuilder();
        int syllables = 2 + random.nextInt(2);
        for (int s = 0; s < syllables; s++) {
            name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        name.setCharAt(0, Character.toUpperCase(name.charAt(0)));
        return name.toString();
    }

    /** A Google Contacts export's columns; every row has its own emails and phones (under 1,000,000 rows), names repeat. */
    public static void writeCsv(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("First Name,Last Name,Labels,E-mail 1 - Value,E-mail 2 - Value,E-mail 3 - Value,"
                    + "Phone 1 - Value,Phone 2 - Value,Phone 3 - Value,Address 1 - Street,Address 1 - City,"
                    + "Address 1 - Postal Code,Address 1 - Country\r\n");
            for (int i = 0; i < rows; i++) {
                String first = name(random);
                String last = name(random);
                StringBuilder row = new StringBuilder(256).append(first).append(',').append(last)
                        .append(",* myContacts ::: ").append(i % 2 == 0 ? "Friends" : "Work").append(" ::: Seed")
                        .append(seed);
                int emails = 1 + random.nextInt(3);
                for (int e = 0; e < 3; e++) {
                    row.append(',');
                    if (e < emails) {
                        row.append(first.toLowerCase()).append('.').append(i).append('.').append(e).append("@s")
                                .append(seed).append(".example.org");
                    }
                }
                int phones = 1 + random.nextInt(3);
                for (int p = 0; p < 3; p++) {
                    row.append(',');
                    if (p < phones) {
                        row.append(String.format("06 %02d %02d %02d %02d", p * 3 + seed * 10, i / 10_000 % 100,
                                i / 100 % 100, i % 100));
                    }
                }
                row.append(',').append(1 + random.nextInt(200)).append(" rue de la République,")
                        .append(CITIES[random.nextInt(CITIES.length)]).append(',')
                        .append(String.format("%05d", 1000 + random.nextInt(94_000))).append(",FR\r\n");
                out.write(row.toString());
            }
        }
    }

    /** The file import wired by hand: a fresh database behind a Hikari pool (10), the test server, real workers. */
    static final class Bench implements AutoCloseable {

        final TestWorkflowEnvironment env;
        final JdbcClient jdbc;
        final FileImportStarter starter;
        final HikariDataSource connections;
        final WorkerFactory workers;
        final int postgresPort;

        Bench() {
            HikariConfig pool = new HikariConfig();
            TestDatabase.Database database = TestDatabase.fresh();
            postgresPort = URI.create(database.url().substring("jdbc:".length())).getPort();
            pool.setDataSource(database.dataSource());
            pool.setMaximumPoolSize(10);
            connections = new HikariDataSource(pool);
            jdbc = JdbcClient.create(connections);
            JsonMapper json = JsonMapper.builder().build();
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(connections));
            env = TestWorkflowEnvironment.newInstance();
            env.registerSearchAttribute(KinflowSearchAttributes.ACCOUNT_ID.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
            env.registerSearchAttribute(KinflowSearchAttributes.JOB_KIND.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
            env.start();
            JobRunRepository jobs = new JobRunRepository(jdbc, json);
            JobLauncher launcher = new JobLauncher(env.getWorkflowClient(), jobs, new AccountRepository(jdbc));
            ImportFileRepository files = new ImportFileRepository(jdbc, json);
            starter = new FileImportStarter(launcher, jobs, new FileUploadStore(files, tx), files);
            CredentialStore credentials = new CredentialStore(jdbc, Base64.getEncoder().encodeToString(new byte[32]),
                    "target/unused");
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(connections);
            workers = WorkerFactory.newInstance(env.getWorkflowClient());
            Worker worker = workers.newWorker(TaskQueues.DEFAULT);
            worker.registerWorkflowImplementationTypes(FileImportWorkflowImpl.class, DuplicateScanWorkflowImpl.class);
            worker.registerActivitiesImplementations(
                    new FileImportActivitiesImpl(new FileChunkImporter(files, new ImportWriter(jdbc, json, tx),
                            new FreshRecordWriter(jdbc, connections, new ExtraItemWriter(jdbc, json, tx)),
                            new PhotoWriter(jdbc, MonicaHttpProperties.defaults()), json, tx), files),
                    new ImportDataActivitiesImpl(jdbc, credentials, new DuplicateScanStarter(launcher)),
                    new JobActivitiesImpl(jobs),
                    new AutoMergeActivitiesImpl(jdbc, new MergeService(jdbc, transactions, json)),
                    new DuplicateScanActivitiesImpl(new DuplicateScanRepository(jdbc, transactions, json)));
            workers.start();
        }

        void run(Path csv, int rows, String label) throws Exception {
            jdbc.sql("VACUUM ANALYZE").update();
            UUID account = UUID.randomUUID();
            jdbc.sql("INSERT INTO accounts (id, name, default_region) VALUES (?, ?, 'FR')").params(account, label)
                    .update();
            resetPeakHeap();
            CpuTimes cpuAtStart = CpuTimes.now();
            double ownPostgresAtStart = ownPostgresSeconds();
            long start = System.nanoTime();
            ImportStarter.Started started;
            try (InputStream in = Files.newInputStream(csv)) {
                started = starter.start(account, FileFormat.CSV, in,
                        new FileUploadOptions(false, "FR", List.of("bench"), null, null, null));
            }
            double uploaded = (System.nanoTime() - start) / 1e9;
            FileImportResult result = env.getWorkflowClient().newUntypedWorkflowStub(started.workflowId())
                    .getResult(30, TimeUnit.MINUTES, FileImportResult.class);
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuTimes cpu = CpuTimes.now().since(cpuAtStart);
            double ownPostgres = ownPostgresSeconds() - ownPostgresAtStart;
            long peakHeap = peakHeap();
            env.getWorkflowClient().newUntypedWorkflowStub(result.duplicateScan())
                    .getResult(10, TimeUnit.MINUTES, Object.class);
            long fields = jdbc.sql("SELECT count(*) FROM contact_fields WHERE account_id = ?").param(account)
                    .query(Long.class).single();
            long addresses = jdbc.sql("SELECT count(*) FROM addresses WHERE account_id = ?").param(account)
                    .query(Long.class).single();
            System.out.printf("%nFileImportBenchmark %s: %d rows -> %d contacts created (%d emails/phones, %d "
                            + "addresses), %d skipped; upload %.2f s, import %.2f s, end to end %.2f s = %.0f "
                            + "contacts/s; CPU meanwhile: JVM %.1f s, this database's PostgreSQL %.1f s (all PostgreSQL processes "
                            + "of the machine %.1f s) = %.0f contacts per CPU second, %.0f contacts/s if both "
                            + "cores were ours; heap peak %d MB%n", label,
                    rows, result.contacts().created(), fields, addresses, result.records().skipped(), uploaded,
                    seconds - uploaded, seconds, rows / seconds, cpu.jvmSeconds(), ownPostgres,
                    cpu.postgresSeconds(), rows / (cpu.jvmSeconds() + ownPostgres),
                    2 * rows / (cpu.jvmSeconds() + ownPostgres), peakHeap >> 20);
        }

        /**
         * CPU (user + system) of this benchmark's PostgreSQL server only: its postmaster (found by its port) and the
         * children it forked that are still alive (the pool keeps its backends), so that the other PostgreSQL servers
         * of a shared machine do not count.
         */
        double ownPostgresSeconds() {
            List<Path> processes;
            try (Stream<Path> listing = Files.list(Path.of("/proc"))) {
                processes = listing.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .toList();
            } catch (IOException e) {
                return 0;
            }
            String postmaster = null;
            for (Path p : processes) {
                String cmd = read(p.resolve("cmdline")).replace('\0', ' ');
                if (cmd.contains("postgres") && cmd.contains(" -p " + postgresPort + " ")) {
                    postmaster = p.getFileName().toString();
                }
            }
            double total = 0;
            for (Path p : processes) {
                String[] stat = statFields(read(p.resolve("stat")));
                if (stat.length > 12 && (p.getFileName().toString().equals(postmaster) || stat[1].equals(postmaster))) {
                    total += (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
                }
            }
            return total;
        }

        /** The fields of {@code /proc/<pid>/stat} after the command name (state, ppid, ..., utime, stime). */
        private static String[] statFields(String stat) {
            int end = stat.lastIndexOf(')');
            return end < 0 ? new String[0] : stat.substring(end + 2).split(" ");
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return "";
            }
        }

        private static void resetPeakHeap() {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        /** The sum of the heap pools' peaks since the reset (an upper bound of the heap in use at any moment). */
        private static long peakHeap() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }

        @Override
        public void close() {
            workers.shutdownNow();
            env.close();
            connections.close();
        }
    }
}
