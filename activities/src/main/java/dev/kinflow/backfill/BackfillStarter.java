package dev.kinflow.backfill;

import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Records a backfill in {@code backfill_runs} and starts its {@link BackfillWorkflow}. */
@Component
public class BackfillStarter {

    private final JobLauncher launcher;
    private final BackfillRepository runs;
    private final int batchesPerRun;
    private final int batchTimeoutSeconds;

    public BackfillStarter(JobLauncher launcher, BackfillRepository runs,
                           @Value("${kinflow.backfill.batches-per-run:500}") int batchesPerRun,
                           @Value("${kinflow.backfill.batch-timeout-seconds:120}") int batchTimeoutSeconds) {
        this.launcher = launcher;
        this.runs = runs;
        this.batchesPerRun = batchesPerRun;
        this.batchTimeoutSeconds = batchTimeoutSeconds;
    }

    /** What to run. {@code accountId} null: every account. */
    public record BackfillSpec(UUID accountId, BackfillKind kind, boolean dryRun, int batchSize,
                               Integer maxRowsPerSecond) {
    }

    /** Starts the backfill; returns its id. */
    public UUID start(BackfillSpec spec) {
        UUID id = UUID.randomUUID();
        String scope = spec.accountId() == null ? "all accounts" : "account " + spec.accountId();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("backfillId", id.toString());
        params.put("kind", spec.kind().wireName());
        params.put("dryRun", spec.dryRun());
        params.put("batchSize", spec.batchSize());
        params.put("maxRowsPerSecond", spec.maxRowsPerSecond());
        JobSpec job = new JobSpec(spec.accountId(), BackfillWorkflow.KIND, BackfillWorkflow.workflowId(id.toString()),
                "Backfill " + spec.kind().wireName() + (spec.dryRun() ? " (dry run)" : "") + " over " + scope,
                params);
        launcher.launch(job, options -> { }, (options, jobId) -> {
            runs.insert(id, spec.accountId(), UUID.fromString(jobId), spec.kind(), spec.dryRun(), spec.batchSize(),
                    spec.maxRowsPerSecond());
            try {
                WorkflowClient.start(launcher.client().newWorkflowStub(BackfillWorkflow.class, options)::run,
                        new BackfillRequest(id.toString(), jobId,
                                spec.maxRowsPerSecond() == null ? 0 : spec.maxRowsPerSecond(), batchesPerRun,
                                spec.kind().bestEffortSteps(), BatchResult.start(spec.kind().firstStep()), false, 1,
                                batchTimeoutSeconds));
            } catch (RuntimeException notStarted) {
                runs.finish(id, "failed");
                throw notStarted;
            }
        });
        return id;
    }
}
