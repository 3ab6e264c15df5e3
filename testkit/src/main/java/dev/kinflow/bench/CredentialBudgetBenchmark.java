package dev.kinflow.bench;

import dev.kinflow.imports.ContactImportWorkflow;
import dev.kinflow.imports.ImportOptions;
import dev.kinflow.imports.ImportResult;
import dev.kinflow.testkit.imports.ImportHarness;
import dev.kinflow.testkit.monica.FakeMonicaServer;
import dev.kinflow.testkit.monica.MonicaDataset;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark of the credential's request budget (not a test). Run with
 * {@code ./mvnw -pl testkit -am verify -DskipTests -Pbench -Dbench=CredentialBudgetBenchmark
 * [-Dbench.args="<contacts> <requests per minute>"]}, defaults {@code 1000 55}.
 *
 * <p>Two imports of the same M contacts (extra data and photos) with the same token, the second started as soon as
 * the first completed, through the real workflow and activities, the budget ledger in PostgreSQL and Temporal's
 * in-process test server. The fake Monica limits the token to {@code max(60, L)} per fixed minute and records when
 * every request arrived. Everything keeps time on the test server's clock, which skips the workflow's timers when it
 * can (request processing still takes real time). Prints the total duration against the theoretical minimum for the
 * requests made, {@code R / L} minutes, the most requests the fake saw in any 60 s and its 429s.
 */
public final class CredentialBudgetBenchmark {

    private static final String TOKEN = "bench-token";

    private CredentialBudgetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : ImportOptions.DEFAULT_REQUESTS_PER_MINUTE;
        try (ImportHarness harness = new ImportHarness();
             FakeMonicaServer monica = new FakeMonicaServer(MonicaDataset.generate(MonicaDataset.Spec.of(contacts)),
                     TOKEN)) {
            monica.clock(harness.env::currentTimeMillis).rateLimitPerMinute(Math.max(60, limit));
            WorkerFactory workers = harness.startWorkers();
            UUID account = harness.newAccount("US");
            long start = harness.env.currentTimeMillis();
            long[] waited = new long[2];
            for (int run = 0; run < 2; run++) {
                ContactImportWorkflow workflow = harness.startImport(account, monica.baseUrl(), TOKEN,
                        new ImportOptions(true, false, true, "US", limit));
                ImportResult result = WorkflowStub.fromTyped(workflow).getResult(2, TimeUnit.HOURS,
                        ImportResult.class);
                waited[run] = result.requests().waitedSeconds();
                System.out.printf("CredentialBudgetBenchmark import %d: %d requests, waited %d s for the budget, "
                                + "%.1f s since the first import started%n", run + 1, result.requests().total(),
                        waited[run], (harness.env.currentTimeMillis() - start) / 1000.0);
            }
            long elapsed = harness.env.currentTimeMillis() - start;
            long requests = monica.requests().size();
            double minimum = requests * 60_000.0 / limit;
            System.out.printf("%nCredentialBudgetBenchmark: two back-to-back imports of %d contacts, %d Monica "
                            + "requests at %d/min: %.1f s on the test server's clock vs theoretical minimum %.1f s "
                            + "(R / L; %+.2f%%); max requests in any 60 s at the fake: %d; 429s: %d%n", contacts,
                    requests, limit, elapsed / 1000.0, minimum / 1000.0, 100.0 * (elapsed - minimum) / minimum,
                    monica.maxRequestsInAnyWindow(TOKEN, 60_000),
                    monica.requests().stream().filter(r -> r.status() == 429).count());
            workers.shutdownNow();
        }
        System.exit(0);
    }
}
