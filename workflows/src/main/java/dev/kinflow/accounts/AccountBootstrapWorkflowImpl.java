package dev.kinflow.accounts;

import dev.kinflow.common.JobProgress;
import dev.kinflow.common.ProgressReporter;
import dev.kinflow.jobs.BoundedRetries;
import dev.kinflow.jobs.JobTracking;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

public class AccountBootstrapWorkflowImpl implements AccountBootstrapWorkflow {

    /**
     * Bounded like the other database jobs ({@link BoundedRetries}, about 14 minutes): a provisioning step the
     * database keeps refusing ends the job failed with the step's error instead of leaving it running for ever. (The
     * account reset runs the same steps with its own stub, which retries for ever on purpose: docs/reset.md.)
     */
    private final AccountBootstrapActivities activities = Workflow.newActivityStub(AccountBootstrapActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(BoundedRetries.DATABASE_STEP)
                    .build());

    private final ProgressReporter progress = new ProgressReporter();

    @Override
    public BootstrapResult bootstrap(BootstrapRequest request) {
        return JobTracking.run(request.jobId(), progress::current, () -> provision(request), BootstrapResult::toSummary);
    }

    private BootstrapResult provision(BootstrapRequest request) {
        ProvisionRequest target = new ProvisionRequest(request.accountId());
        List<Function<ProvisionRequest, Provisioned>> steps = provisioningSteps(activities);
        List<String> created = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Provisioned outcome = steps.get(i).apply(target);
            (outcome.created() > 0 ? created : present).add(outcome.singleton());
            progress.report("provisioning", "provisioned " + (i + 1) + "/" + steps.size() + " singletons",
                    i + 1, steps.size(), Map.of("created", (long) created.size()));
        }
        progress.report("done", created.isEmpty() ? "already provisioned" : "created " + String.join(", ", created));
        return new BootstrapResult(List.copyOf(created), List.copyOf(present));
    }

    /** The provisioning steps, in order; the account reset runs the same ones after wiping an account. */
    public static List<Function<ProvisionRequest, Provisioned>> provisioningSteps(
            AccountBootstrapActivities activities) {
        return List.of(activities::ensureOutreachSettings, activities::ensureReminderRules);
    }

    @Override
    public JobProgress progress() {
        return progress.current();
    }
}
