package dev.kinflow.reset;

import dev.kinflow.accounts.AccountRepository;
import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.jobs.JobLauncher.Launched;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Starts the account's reset, or joins the one already running. */
@Component
public class ResetStarter {

    private final JobLauncher launcher;
    private final AccountRepository accounts;
    private final int cancelGraceSeconds;
    private final int pollSeconds;

    public ResetStarter(JobLauncher launcher, AccountRepository accounts,
                        @Value("${kinflow.reset.cancel-grace-seconds:30}") int cancelGraceSeconds,
                        @Value("${kinflow.reset.poll-seconds:1}") int pollSeconds) {
        this.launcher = launcher;
        this.accounts = accounts;
        this.cancelGraceSeconds = cancelGraceSeconds;
        this.pollSeconds = pollSeconds;
    }

    /**
     * Marks the account {@code resetting} before the reset workflow is even started, so that from the moment the
     * caller is answered its devices are handed nothing more and its other jobs and writes are refused; the
     * workflow's own {@code beginReset} then finds the account already marked. If the workflow cannot be started,
     * the account is given back.
     *
     * @param actor who asked, e.g. {@code api-key:12} (an id, never the key)
     */
    public Launched start(UUID accountId, String actor) {
        boolean marked = accounts.transitionStatus(accountId, "active", "resetting");
        String account = accountId.toString();
        JobSpec spec = new JobSpec(accountId, AccountResetWorkflow.KIND, AccountResetWorkflow.workflowId(account),
                "Reset account " + account, Map.of("actor", actor));
        try {
            return launcher.launch(spec, options -> { }, (options, jobId) -> WorkflowClient.start(
                    launcher.client().newWorkflowStub(AccountResetWorkflow.class, options)::reset,
                    new ResetRequest(account, jobId, actor, cancelGraceSeconds, pollSeconds)));
        } catch (RuntimeException notStarted) {
            if (marked && !(notStarted.getCause() instanceof WorkflowExecutionAlreadyStarted)) {
                accounts.transitionStatus(accountId, "resetting", "active");
            }
            throw notStarted;
        }
    }
}
