package dev.kinflow.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.kinflow.jobs.BoundedRetries;
import dev.kinflow.jobs.JobActivities;
import dev.kinflow.jobs.JobOutcome;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.testing.Histories;
import dev.kinflow.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AccountBootstrapWorkflowTest {

    private TestWorkflowEnvironment env;
    private AccountBootstrapActivities activities;
    private JobActivities jobs;

    @BeforeEach
    void setUp() {
        activities = WorkflowTestEnv.mockActivities(AccountBootstrapActivities.class);
        jobs = WorkflowTestEnv.mockActivities(JobActivities.class);
        env = WorkflowTestEnv.started(AccountBootstrapWorkflowImpl.class, activities, jobs);
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private AccountBootstrapWorkflow stub(String accountId) {
        return env.getWorkflowClient().newWorkflowStub(AccountBootstrapWorkflow.class,
                WorkflowTestEnv.jobOptions(AccountBootstrapWorkflow.workflowId(accountId), accountId, AccountBootstrapWorkflow.KIND));
    }

    @Test
    void aNewAccountGetsEverySingletonAndTheJobIsCompletedWithWhatWasCreated() {
        when(activities.ensureOutreachSettings(any())).thenReturn(new Provisioned("outreach-settings", 1));
        when(activities.ensureReminderRules(any())).thenReturn(new Provisioned("reminder-rules", 3));

        BootstrapResult result = stub("acc-1").bootstrap(new BootstrapRequest("acc-1", "job-1"));

        assertThat(result.created()).containsExactly("outreach-settings", "reminder-rules");
        assertThat(result.alreadyPresent()).isEmpty();
        verify(activities).ensureOutreachSettings(new ProvisionRequest("acc-1"));
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().jobId()).isEqualTo("job-1");
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcome.getValue().summary()).containsEntry("created", List.of("outreach-settings", "reminder-rules"));
        assertThat(outcome.getValue().progress().text()).isEqualTo("created outreach-settings, reminder-rules");

        Histories.record(env.getWorkflowClient(), AccountBootstrapWorkflow.workflowId("acc-1"), "account-bootstrap");
    }

    @Test
    void aCompleteAccountReportsEverythingAsAlreadyPresent() {
        when(activities.ensureOutreachSettings(any())).thenReturn(new Provisioned("outreach-settings", 0));
        when(activities.ensureReminderRules(any())).thenReturn(new Provisioned("reminder-rules", 0));

        BootstrapResult result = stub("acc-2").bootstrap(new BootstrapRequest("acc-2", "job-2"));

        assertThat(result.created()).isEmpty();
        assertThat(result.alreadyPresent()).containsExactly("outreach-settings", "reminder-rules");
    }

    @Test
    void aFailingActivityIsRetriedUntilItSucceeds() {
        when(activities.ensureOutreachSettings(any()))
                .thenThrow(new IllegalStateException("database restarting"))
                .thenReturn(new Provisioned("outreach-settings", 1));
        when(activities.ensureReminderRules(any())).thenReturn(new Provisioned("reminder-rules", 3));

        BootstrapResult result = stub("acc-3").bootstrap(new BootstrapRequest("acc-3", "job-3"));

        assertThat(result.created()).containsExactly("outreach-settings", "reminder-rules");
    }

    @Test
    void aStepTheDatabaseKeepsRefusingEndsTheJobFailedAfterBoundedAttempts() {
        when(activities.ensureOutreachSettings(any())).thenThrow(new IllegalStateException("database refuses the row"));

        assertThatThrownBy(() -> stub("acc-4").bootstrap(new BootstrapRequest("acc-4", "job-4")))
                .isInstanceOf(WorkflowFailedException.class);

        verify(activities, times(BoundedRetries.ATTEMPTS)).ensureOutreachSettings(new ProvisionRequest("acc-4"));
        verify(activities, never()).ensureReminderRules(any());
        assertThat(WorkflowTestEnv.runTime(env, AccountBootstrapWorkflow.workflowId("acc-4")))
                .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(20));
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.FAILED);
        assertThat(outcome.getValue().failure().type()).isEqualTo("IllegalStateException");
        assertThat(outcome.getValue().failure().step()).startsWith("activity EnsureOutreachSettings");
    }
}
