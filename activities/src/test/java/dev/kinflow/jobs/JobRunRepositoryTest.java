package dev.kinflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinflow.common.JobProgress;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

class JobRunRepositoryTest {

    static JdbcClient jdbc;
    static JobRunRepository jobs;

    @BeforeAll
    static void database() {
        jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
        jobs = new JobRunRepository(jdbc, Jdbc.JSON);
    }

    @Test
    void finishingIsIdempotentAndTheFirstOutcomeWins() {
        UUID account = Jdbc.newAccount(jdbc, "A", null);
        UUID id = UUID.randomUUID();
        jobs.insertRunning(id, account, "test", "wf-" + id, Map.of("option", true));
        JobActivitiesImpl activities = new JobActivitiesImpl(jobs);
        JobOutcome done = new JobOutcome(id.toString(), JobStatus.COMPLETED,
                new JobProgress("done", "all done", 3, 3, Map.of("created", 3L)), Map.of("created", 3), null);

        assertThat(activities.finish(done)).isTrue();
        assertThat(activities.finish(done)).isFalse();
        assertThat(jobs.finish(id, JobStatus.FAILED, null, null, "late")).isFalse();

        JobRun run = jobs.find(account, id).orElseThrow();
        assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(run.summary()).containsEntry("created", 3);
        assertThat(run.progress()).containsEntry("text", "all done");
        assertThat(run.params()).containsEntry("option", true);
        assertThat(run.finishedAt()).isNotNull();
    }

    @Test
    void oneOpenRunPerWorkflowId() {
        UUID account = Jdbc.newAccount(jdbc, "B", null);
        UUID first = UUID.randomUUID();
        jobs.insertRunning(first, account, "test", "wf-same", Map.of());
        assertThatThrownBy(() -> jobs.insertRunning(UUID.randomUUID(), account, "test", "wf-same", Map.of()))
                .isInstanceOf(DuplicateKeyException.class);

        jobs.finish(first, JobStatus.CANCELLED, null, null, null);
        jobs.insertRunning(UUID.randomUUID(), account, "test", "wf-same", Map.of());
        assertThat(jobs.count(account, "test", null)).isEqualTo(2);
        assertThat(jobs.count(account, null, JobStatus.CANCELLED)).isEqualTo(1);
    }

    @Test
    void accountsSeeOnlyTheirOwnJobs() {
        UUID a = Jdbc.newAccount(jdbc, "C", null);
        UUID b = Jdbc.newAccount(jdbc, "D", null);
        UUID id = UUID.randomUUID();
        jobs.insertRunning(id, a, "test", "wf-" + id, Map.of());
        assertThat(jobs.find(b, id)).isEmpty();
        assertThat(jobs.list(b, null, null, 10, 0)).isEmpty();
        assertThat(jobs.list(a, null, null, 10, 0)).hasSize(1);
    }

    @Test
    void aFailedJobKeepsItsReadableErrorAndTheFirstOutcomeWins() {
        UUID account = Jdbc.newAccount(jdbc, "E", null);
        UUID id = UUID.randomUUID();
        jobs.insertRunning(id, account, "test", "wf-" + id, Map.of());
        JobActivitiesImpl activities = new JobActivitiesImpl(jobs);
        JobError error = new JobError("MonicaUnreachable", "Monica unreachable (connection refused (127.0.0.1:1))",
                "listing page 1", 10, Instant.parse("2026-12-06T07:00:00Z"));
        JobOutcome failed = new JobOutcome(id.toString(), JobStatus.FAILED,
                new JobProgress("listing", "listing page 1", 0, 0, Map.of()), Map.of(), null, error);

        assertThat(activities.finish(failed)).isTrue();
        assertThat(activities.finish(failed)).isFalse();
        assertThat(jobs.finishWithError(id, JobStatus.FAILED, null, null,
                new JobError("WorkflowLost", "late", null, null, Instant.now()))).isFalse();

        JobRun run = jobs.find(account, id).orElseThrow();
        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.failure()).isEqualTo(error);
        assertThat(run.error()).isEqualTo("MonicaUnreachable: Monica unreachable (connection refused (127.0.0.1:1))");
    }

    @Test
    void listsFilterByCreationTime() {
        UUID account = Jdbc.newAccount(jdbc, "F", null);
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        jobs.insertRunning(old, account, "test", "wf-" + old, Map.of());
        jobs.insertRunning(recent, account, "test", "wf-" + recent, Map.of());
        jdbc.sql("UPDATE job_runs SET created_at = now() - interval '2 days' WHERE id = ?").param(old).update();
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));

        assertThat(jobs.list(new JobFilter(account, null, null, yesterday, null), 10, 0))
                .extracting(JobRun::id).containsExactly(recent);
        assertThat(jobs.list(new JobFilter(account, "test", JobStatus.RUNNING, null, yesterday), 10, 0))
                .extracting(JobRun::id).containsExactly(old);
        assertThat(jobs.count(new JobFilter(account, null, null, null, null))).isEqualTo(2);
    }
}
