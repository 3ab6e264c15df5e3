package dev.kinflow.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinflow.accounts.AccountRepository;
import dev.kinflow.jobs.JobRunRepository;
import dev.kinflow.testing.AccountData;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reset activities against real PostgreSQL; every write is called twice. */
class ResetActivitiesTest {

    static final AccountData.Shape SHAPE = new AccountData.Shape(60, 250);

    static JdbcClient jdbc;
    static ResetRepository repository;
    static AccountRepository accounts;
    static JobRunRepository jobs;

    TestActivityEnvironment env;

    @BeforeAll
    static void database() {
        jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
        repository = new ResetRepository(jdbc, Jdbc.JSON);
        accounts = new AccountRepository(jdbc);
        jobs = new JobRunRepository(jdbc, Jdbc.JSON);
    }

    @AfterEach
    void close() {
        if (env != null) {
            env.close();
        }
    }

    ResetActivities activities(ResetActivitiesImpl.ChunkObserver observer, ResetStopHook... hooks) {
        env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new ResetActivitiesImpl(repository, accounts, jobs, null,
                List.of(hooks), 7, observer));
        return env.newActivityStub(ResetActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    ResetActivities activities() {
        return activities((table, rows) -> { });
    }

    static UUID seededAccount(String name) {
        UUID account = Jdbc.newAccount(jdbc, name, "FR");
        AccountData.seed(jdbc, account, SHAPE);
        return account;
    }

    static ResetTarget resetJob(UUID account) {
        UUID job = UUID.randomUUID();
        jobs.insertRunning(job, account, AccountResetWorkflow.KIND, AccountResetWorkflow.workflowId(account.toString()),
                Map.of());
        return new ResetTarget(account.toString(), job.toString());
    }

    @Test
    void eachDomainEmptiesItsTablesForTheAccountOnlyAndARepeatChangesNothing() {
        UUID a = seededAccount("A");
        UUID b = seededAccount("B");
        ResetTarget target = resetJob(a);
        Map<String, Long> before = AccountData.counts(jdbc, a);
        var dumpOfB = AccountData.dump(jdbc, b);
        ResetActivities reset = activities();

        Map<String, Long> deleted = new HashMap<>();
        for (String domain : reset.planCleanup(target).domains()) {
            DomainCleanupResult first = reset.cleanDomain(new DomainCleanupRequest(target, domain));
            DomainCleanupResult second = reset.cleanDomain(new DomainCleanupRequest(target, domain));
            assertThat(second).isEqualTo(first);
            for (OwnedTable table : ResetRegistry.find(domain).orElseThrow().tables()) {
                assertThat(AccountData.counts(jdbc, a).get(table.name())).as(table.name()).isZero();
                assertThat(first.deleted().get(table.name())).as(table.name()).isEqualTo(before.get(table.name()));
            }
            deleted.putAll(first.deleted());
        }

        assertThat(deleted.keySet()).containsExactlyInAnyOrderElementsOf(ResetRegistry.ownedTables());
        assertThat(deleted.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(500);
        Map<String, Long> after = AccountData.counts(jdbc, a);
        ResetRegistry.ownedTables().forEach(t -> assertThat(after.get(t)).as(t).isZero());
        ResetRegistry.KEPT.keySet().forEach(t -> assertThat(after.get(t)).as(t).isEqualTo(before.get(t)));
        assertThat(AccountData.dump(jdbc, b)).isEqualTo(dumpOfB);
    }

    @Test
    void aCleanupThatCrashesMidwayIsFinishedByTheRetryWithExactCounts() {
        UUID a = seededAccount("Crash");
        Map<String, Long> before = AccountData.counts(jdbc, a);
        ResetTarget target = resetJob(a);
        for (String domain : List.of("imports", "photos", "conversations", "tasks", "notes", "duplicates")) {
            activities().cleanDomain(new DomainCleanupRequest(target, domain));
            env.close();
            env = null;
        }
        int[] chunks = {0};
        ResetActivities crashing = activities((table, rows) -> {
            if (table.equals("contact_fields") && ++chunks[0] == 3) {
                throw new IllegalStateException("worker killed");
            }
        });
        assertThatThrownBy(() -> crashing.cleanDomain(new DomainCleanupRequest(target, "contacts")))
                .isInstanceOf(ActivityFailure.class);
        env.close();
        assertThat(AccountData.counts(jdbc, a).get("contact_fields")).isBetween(1L, before.get("contact_fields") - 1);

        DomainCleanupResult retried = activities().cleanDomain(new DomainCleanupRequest(target, "contacts"));

        for (String table : List.of("contact_tags", "tags", "relationships", "contact_fields", "addresses", "contacts")) {
            assertThat(retried.deleted().get(table)).as(table).isEqualTo(before.get(table));
            assertThat(AccountData.counts(jdbc, a).get(table)).as(table).isZero();
        }
    }

    @Test
    void theResetIsTheKindTheLauncherLetsStartWhileAnAccountResets() {
        assertThat(AccountResetWorkflow.KIND).isEqualTo(dev.kinflow.jobs.JobLauncher.RESET_KIND);
    }

    @Test
    void anUnknownDomainFailsWithoutRetrying() {
        ResetTarget target = resetJob(Jdbc.newAccount(jdbc, "Unknown", null));
        assertThatThrownBy(() -> activities().cleanDomain(new DomainCleanupRequest(target, "nope")))
                .isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .satisfies(f -> assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue());
    }

    @Test
    void beginAndFinishMoveTheAccountOnceAndWriteOneAuditEntry() {
        UUID a = Jdbc.newAccount(jdbc, "Finish", null);
        ResetTarget target = resetJob(a);
        ResetActivities reset = activities();

        assertThat(reset.beginReset(target).markedResetting()).isTrue();
        assertThat(reset.beginReset(target).markedResetting()).isFalse();
        assertThat(accounts.find(a).orElseThrow().status()).isEqualTo("resetting");

        ResetCompletion completion = new ResetCompletion(target, "api-key:7", Map.of("contacts", 12L, "notes", 3L), 2);
        assertThat(reset.finishReset(completion)).isEqualTo(new ResetFinished(true, true));
        assertThat(reset.finishReset(completion)).isEqualTo(new ResetFinished(false, false));

        assertThat(accounts.find(a).orElseThrow().status()).isEqualTo("active");
        var audit = jdbc.sql("SELECT actor, action, details::text FROM audit_logs WHERE account_id = ?").param(a)
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        assertThat(audit).hasSize(1);
        assertThat(audit.getFirst().subList(0, 2)).containsExactly("api-key:7", "account.reset");
        assertThat(audit.getFirst().get(2)).contains("\"jobId\": \"" + target.jobId() + "\"")
                .contains("\"contacts\": 12").contains("\"cancelledJobs\": 2");
    }

    @Test
    void aMissingAccountCannotBeReset() {
        ResetTarget target = new ResetTarget(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        assertThatThrownBy(() -> activities().beginReset(target)).isInstanceOf(ActivityFailure.class)
                .cause().satisfies(f -> assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue());
    }

    @Test
    void runningJobsComeFromJobRunsWithoutTheResetItselfAndAreClosedOnce() {
        UUID a = Jdbc.newAccount(jdbc, "Jobs", null);
        UUID other = Jdbc.newAccount(jdbc, "Other", null);
        ResetTarget target = resetJob(a);
        UUID importJob = UUID.randomUUID();
        jobs.insertRunning(importJob, a, "import", "import-" + importJob, Map.of());
        UUID otherJob = UUID.randomUUID();
        jobs.insertRunning(otherJob, other, "import", "import-" + otherJob, Map.of());
        ResetActivities reset = activities();

        RunningJobs running = reset.findRunningJobs(target);
        assertThat(running.jobs()).containsExactly(new RunningJob(importJob.toString(), "import-" + importJob, "import"));

        JobsRequest request = new JobsRequest(target, running.jobs());
        assertThat(reset.closeJobRuns(request).changed()).isEqualTo(1);
        assertThat(reset.closeJobRuns(request).changed()).isZero();
        var job = jobs.find(importJob).orElseThrow();
        assertThat(job.status().dbValue()).isEqualTo("cancelled");
        assertThat(job.error()).isEqualTo("cancelled by account reset " + target.jobId());
        assertThat(reset.findRunningJobs(target).jobs().isEmpty()).isTrue();
        assertThat(jobs.find(otherJob).orElseThrow().status().dbValue()).isEqualTo("running");
    }

    @Test
    void queuedWorkIsWithdrawnByEveryHook() {
        ResetTarget target = resetJob(Jdbc.newAccount(jdbc, "Hooks", null));
        List<UUID> seen = new java.util.ArrayList<>();
        ResetStopHook queue = new ResetStopHook() {
            @Override
            public String name() {
                return "test-queue";
            }

            @Override
            public long withdraw(UUID accountId) {
                seen.add(accountId);
                return seen.size() == 1 ? 3 : 0;
            }
        };
        ResetActivities reset = activities((table, rows) -> { }, queue);
        assertThat(reset.withdrawQueuedWork(target).items()).isEqualTo(3);
        assertThat(reset.withdrawQueuedWork(target).items()).isZero();
        assertThat(seen).containsOnly(UUID.fromString(target.accountId()));
    }
}
