package dev.kinflow.reset;

import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.jobs.JobLauncher.Launched;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Starts the account's reset, or joins the one already running. */
@Component
public class ResetStarter {

    private final JobLauncher launcher;
    private final int cancelGraceSeconds;
    private final int pollSeconds;

    public ResetStarter(JobLauncher launcher,
                        @Value("${kinflow.reset.cancel-grace-seconds:30}") int cancelGraceSeconds,
                        @Value("${kinflow.reset.poll-seconds:1}") int pollSeconds) {
        this.launcher = launcher;
        this.cancelGraceSeconds = cancelGraceSeconds;
        this.pollSeconds = pollSeconds;
    }

    /** @param actor who asked, e.g. {@code api-key:12} (an id, never the key) */
    public Launched start(UUID accountId, String actor) {
        String account = accountId.toString();
        JobSpec spec = new JobSpec(accountId, AccountResetWorkflow.KIND, AccountResetWorkflow.workflowId(account),
                "Reset account " + account, Map.of("actor", actor));
        return launcher.launch(spec, options -> { }, (options, jobId) -> WorkflowClient.start(
                launcher.client().newWorkflowStub(AccountResetWorkflow.class, options)::reset,
                new ResetRequest(account, jobId, actor, cancelGraceSeconds, pollSeconds)));
    }
}
