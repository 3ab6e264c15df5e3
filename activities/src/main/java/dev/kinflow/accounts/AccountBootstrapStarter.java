package dev.kinflow.accounts;

import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.jobs.JobLauncher.Launched;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Starts (or joins) {@link AccountBootstrapWorkflow} for an account. */
@Component
public class AccountBootstrapStarter {

    private final JobLauncher launcher;

    public AccountBootstrapStarter(JobLauncher launcher) {
        this.launcher = launcher;
    }

    public Launched start(UUID accountId) {
        JobSpec spec = new JobSpec(accountId, AccountBootstrapWorkflow.KIND,
                AccountBootstrapWorkflow.workflowId(accountId.toString()),
                "Provision account " + accountId, Map.of());
        return launcher.launch(spec, options -> { }, (options, jobId) -> {
            AccountBootstrapWorkflow workflow = launcher.client()
                    .newWorkflowStub(AccountBootstrapWorkflow.class, options);
            WorkflowClient.start(workflow::bootstrap, new BootstrapRequest(accountId.toString(), jobId));
        });
    }
}
