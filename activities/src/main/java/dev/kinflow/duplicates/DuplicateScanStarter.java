package dev.kinflow.duplicates;

import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.jobs.JobLauncher.Launched;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Starts the account's duplicate scan, or joins the one already running. */
@Component
public class DuplicateScanStarter {

    private final JobLauncher launcher;

    public DuplicateScanStarter(JobLauncher launcher) {
        this.launcher = launcher;
    }

    public Launched start(UUID accountId, boolean full) {
        String account = accountId.toString();
        JobSpec spec = new JobSpec(accountId, DuplicateScanWorkflow.KIND, DuplicateScanWorkflow.workflowId(account),
                (full ? "Full" : "Incremental") + " duplicate scan of account " + account, Map.of("full", full));
        return launcher.launch(spec, options -> { }, (options, jobId) -> WorkflowClient.start(
                launcher.client().newWorkflowStub(DuplicateScanWorkflow.class, options)::scan,
                new DuplicateScanRequest(account, jobId, full)));
    }
}
