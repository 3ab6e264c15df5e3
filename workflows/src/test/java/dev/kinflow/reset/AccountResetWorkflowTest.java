package dev.kinflow.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.kinflow.accounts.AccountBootstrapActivities;
import dev.kinflow.accounts.ProvisionRequest;
import dev.kinflow.accounts.Provisioned;
import dev.kinflow.jobs.JobActivities;
import dev.kinflow.jobs.JobOutcome;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.testing.Histories;
import dev.kinflow.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class AccountResetWorkflowTest {

    static final String ACCOUNT = "acc-1";
    static final ResetTarget TARGET = new ResetTarget(ACCOUNT, "job-1");
    static final RunningJob IMPORT = new RunningJob("job-import", "import-7", "import");

    private TestWorkflowEnvironment env;
    private ResetActivities activities;
    private AccountBootstrapActivities bootstrap;
    private JobActivities jobs;

    @BeforeEach
    void setUp() {
        activities = WorkflowTestEnv.mockActivities(ResetActivities.class);
        bootstrap = WorkflowTestEnv.mockActivities(AccountBootstrapActivities.class);
        jobs = WorkflowTestEnv.mockActivities(JobActivities.class);
        env = WorkflowTestEnv.started(AccountResetWorkflowImpl.class, activities, bootstrap, jobs);

        when(activities.beginReset(any())).thenReturn(new ResetStarted(true));
        when(activities.withdrawQueuedWork(any())).thenReturn(new Withdrawn(2), new Withdrawn(0));
        when(activities.requestCancellation(any())).thenReturn(new JobsOutcome(1));
        when(activities.planCleanup(any())).thenReturn(new CleanupPlan(List.of("imports", "notes", "contacts")));
        when(activities.cleanDomain(any())).thenAnswer(call -> {
            String domain = ((DomainCleanupRequest) call.getArgument(0)).domain();
            return switch (domain) {
                case "imports" -> new DomainCleanupResult(domain, Map.of("import_records", 3L, "credentials", 1L));
                case "notes" -> new DomainCleanupResult(domain, Map.of("notes", 12_000L));
                default -> new DomainCleanupResult(domain, Map.of("contacts", 5L));
            };
        });
        when(activities.finishReset(any())).thenReturn(new ResetFinished(true, true));
        when(bootstrap.ensureOutreachSettings(any())).thenReturn(new Provisioned("outreach-settings", 1));
        when(bootstrap.ensureReminderRules(any())).thenReturn(new Provisioned("reminder-rules", 3));
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private AccountResetWorkflow stub() {
        return env.getWorkflowClient().newWorkflowStub(AccountResetWorkflow.class,
                WorkflowTestEnv.jobOptions(AccountResetWorkflow.workflowId(ACCOUNT), ACCOUNT, AccountResetWorkflow.KIND));
    }

    private static ResetRequest request() {
        return new ResetRequest(ACCOUNT, "job-1", "api-key:4", 30, 1);
    }

    @Test
    void stopsTheRunningJobsThenCleansEveryDomainInOrderThenBootstrapsAndReopens() {
        when(activities.findRunningJobs(any())).thenReturn(new RunningJobs(List.of(IMPORT)), new RunningJobs(List.of()));
        when(activities.stillOpen(any())).thenReturn(new RunningJobs(List.of(IMPORT)), new RunningJobs(List.of()));
        List<String> progressDuringCleanup = new ArrayList<>();
        doAnswer(call -> {
            String domain = ((DomainCleanupRequest) call.getArgument(0)).domain();
            progressDuringCleanup.add(env.getWorkflowClient().newWorkflowStub(AccountResetWorkflow.class,
                    AccountResetWorkflow.workflowId(ACCOUNT)).progress().text());
            return switch (domain) {
                case "imports" -> new DomainCleanupResult(domain, Map.of("import_records", 3L, "credentials", 1L));
                case "notes" -> new DomainCleanupResult(domain, Map.of("notes", 12_000L));
                default -> new DomainCleanupResult(domain, Map.of("contacts", 5L));
            };
        }).when(activities).cleanDomain(any());

        ResetResult result = stub().reset(request());

        assertThat(result.cancelledJobs()).isEqualTo(1);
        assertThat(result.terminatedJobs()).isZero();
        assertThat(result.withdrawnItems()).isEqualTo(2);
        assertThat(result.deleted()).containsExactlyInAnyOrderEntriesOf(
                Map.of("import_records", 3L, "credentials", 1L, "notes", 12_000L, "contacts", 5L));
        assertThat(result.recreated()).containsExactly("outreach-settings", "reminder-rules");
        assertThat(progressDuringCleanup).containsExactly("cleanup 1/3: imports, 0 rows deleted",
                "cleanup 2/3: notes, 4 rows deleted", "cleanup 3/3: contacts, 12,004 rows deleted");

        InOrder order = inOrder(activities, bootstrap, jobs);
        order.verify(activities).beginReset(TARGET);
        order.verify(activities).withdrawQueuedWork(TARGET);
        order.verify(activities).findRunningJobs(TARGET);
        order.verify(activities).requestCancellation(new JobsRequest(TARGET, List.of(IMPORT)));
        order.verify(activities, times(2)).stillOpen(any());
        order.verify(activities).closeJobRuns(new JobsRequest(TARGET, List.of(IMPORT)));
        order.verify(activities).findRunningJobs(TARGET);
        order.verify(activities).withdrawQueuedWork(TARGET);
        order.verify(activities).cleanDomain(new DomainCleanupRequest(TARGET, "imports"));
        order.verify(activities).cleanDomain(new DomainCleanupRequest(TARGET, "notes"));
        order.verify(activities).cleanDomain(new DomainCleanupRequest(TARGET, "contacts"));
        order.verify(bootstrap).ensureOutreachSettings(new ProvisionRequest(ACCOUNT));
        order.verify(bootstrap).ensureReminderRules(new ProvisionRequest(ACCOUNT));
        order.verify(activities).finishReset(new ResetCompletion(TARGET, "api-key:4", result.deleted(), 1));
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        order.verify(jobs).finish(outcome.capture());
        verify(activities, never()).terminate(any());

        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcome.getValue().summary()).containsEntry("deletedTotal", 12_009).containsEntry("cancelledJobs", 1);
        assertThat(outcome.getValue().progress().text()).isEqualTo("reset done: 12009 rows deleted, 1 jobs cancelled");

        Histories.record(env.getWorkflowClient(), AccountResetWorkflow.workflowId(ACCOUNT), "account-reset");
    }

    @Test
    void aJobThatIgnoresItsCancellationIsTerminatedWhenTheGracePeriodEnds() {
        when(activities.findRunningJobs(any())).thenReturn(new RunningJobs(List.of(IMPORT)), new RunningJobs(List.of()));
        when(activities.stillOpen(any())).thenReturn(new RunningJobs(List.of(IMPORT)));
        long start = env.currentTimeMillis();

        ResetResult result = stub().reset(request());

        assertThat(result.cancelledJobs()).isEqualTo(1);
        assertThat(result.terminatedJobs()).isEqualTo(1);
        assertThat(env.currentTimeMillis() - start).isBetween(30_000L, 90_000L);
        InOrder order = inOrder(activities);
        order.verify(activities).requestCancellation(new JobsRequest(TARGET, List.of(IMPORT)));
        order.verify(activities).terminate(new JobsRequest(TARGET, List.of(IMPORT)));
        order.verify(activities).closeJobRuns(new JobsRequest(TARGET, List.of(IMPORT)));
    }

    @Test
    void aJobStartedWhileTheFirstRoundRanIsStoppedByTheNextRound() {
        RunningJob late = new RunningJob("job-scan", "duplicate-scan-acc-1", "duplicate-scan");
        when(activities.findRunningJobs(any())).thenReturn(new RunningJobs(List.of(IMPORT)),
                new RunningJobs(List.of(late)), new RunningJobs(List.of()));
        when(activities.stillOpen(any())).thenReturn(new RunningJobs(List.of()));

        ResetResult result = stub().reset(request());

        assertThat(result.cancelledJobs()).isEqualTo(2);
        verify(activities).requestCancellation(new JobsRequest(TARGET, List.of(late)));
        verify(activities).closeJobRuns(new JobsRequest(TARGET, List.of(late)));
    }

    @Test
    void aFailingCleanupIsRetriedAndTheResetStillCompletes() {
        when(activities.findRunningJobs(any())).thenReturn(new RunningJobs(List.of()));
        doThrow(new IllegalStateException("database restarting"))
                .doReturn(new DomainCleanupResult("imports", Map.of("import_records", 3L)))
                .doReturn(new DomainCleanupResult("notes", Map.of("notes", 1L)))
                .doReturn(new DomainCleanupResult("contacts", Map.of("contacts", 1L)))
                .when(activities).cleanDomain(any());

        ResetResult result = stub().reset(request());

        assertThat(result.totalDeleted()).isEqualTo(5);
        verify(activities, times(2)).cleanDomain(new DomainCleanupRequest(TARGET, "imports"));
        verify(activities, never()).requestCancellation(any());
    }

    @Test
    void aCancellationRequestDuringTheCleanupDoesNotStopTheResetHalfWay() {
        when(activities.findRunningJobs(any())).thenReturn(new RunningJobs(List.of()));
        doAnswer(call -> {
            env.getWorkflowClient().newUntypedWorkflowStub(AccountResetWorkflow.workflowId(ACCOUNT)).cancel();
            return new DomainCleanupResult("imports", Map.of("import_records", 3L));
        }).doReturn(new DomainCleanupResult("notes", Map.of("notes", 1L)))
                .doReturn(new DomainCleanupResult("contacts", Map.of("contacts", 1L)))
                .when(activities).cleanDomain(any());

        assertThatThrownBy(() -> stub().reset(request()))
                .as("the Java SDK closes a workflow whose cancellation was requested as canceled")
                .isInstanceOf(WorkflowFailedException.class);

        verify(activities).cleanDomain(new DomainCleanupRequest(TARGET, "contacts"));
        verify(bootstrap).ensureReminderRules(new ProvisionRequest(ACCOUNT));
        verify(activities).finishReset(any());
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcome.getValue().summary()).containsEntry("deletedTotal", 5);
    }
}
