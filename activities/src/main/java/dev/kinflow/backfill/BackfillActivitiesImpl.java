package dev.kinflow.backfill;

import dev.kinflow.common.TaskQueues;
import dev.kinflow.jobs.JobStatus;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Component
@ActivityImpl(taskQueues = TaskQueues.DEFAULT)
public class BackfillActivitiesImpl implements BackfillActivities {

    private final BackfillRepository runs;
    private final Map<String, BackfillStep> steps;
    private final UniqueConversationIndex uniqueIndex;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public BackfillActivitiesImpl(BackfillRepository runs, List<BackfillStep> steps,
                                  UniqueConversationIndex uniqueIndex, JdbcClient jdbc,
                                  PlatformTransactionManager transactions) {
        this.runs = runs;
        this.steps = steps.stream().collect(Collectors.toMap(BackfillStep::name, Function.identity()));
        this.uniqueIndex = uniqueIndex;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public BatchResult runBatch(BatchRequest request) {
        return transaction.execute(status -> {
            BackfillRun run = runs.lock(UUID.fromString(request.backfillId()));
            if (!isAt(run, request.step(), request.cursor())) {
                return run.position(0);
            }
            StepBatch batch = step(request.step()).run(run.scope(), request.cursor());
            String nextStep = batch.nextCursor() == null ? run.backfillKind().stepAfter(run.step()) : run.step();
            return runs.advance(run, nextStep, batch.nextCursor(), batch).position(batch.scanned());
        });
    }

    @Override
    public BatchResult buildUniqueIndex(BatchRequest request) {
        UUID id = UUID.fromString(request.backfillId());
        BackfillRun before = transaction.execute(status -> runs.lock(id));
        if (!isAt(before, request.step(), request.cursor())) {
            return before.position(0);
        }
        String outcome;
        long failed = 0;
        if (before.dryRun()) {
            outcome = hasDuplicateOpenKeys() ? "would wait: duplicates remain" : "would be created";
        } else if (hasDuplicateOpenKeys()) {
            outcome = "not built: duplicates remain (in an account outside this backfill, or added meanwhile)";
            failed = 1;
        } else {
            UniqueConversationIndex.Outcome built = uniqueIndex.ensure();
            outcome = built.name().toLowerCase().replace('_', ' ');
            failed = built == UniqueConversationIndex.Outcome.DUPLICATES_REMAIN ? 1 : 0;
        }
        String note = outcome;
        long failures = failed;
        return transaction.execute(status -> {
            BackfillRun run = runs.lock(id);
            if (!isAt(run, request.step(), request.cursor())) {
                return run.position(0);
            }
            return endStep(run, "index", note, new StepBatch(null, 0, 0, 0, failures, Map.of(), List.of()));
        });
    }

    @Override
    public BatchResult skipStep(StepFailure failure) {
        return transaction.execute(status -> {
            BackfillRun run = runs.lock(UUID.fromString(failure.backfillId()));
            if (!isAt(run, failure.step(), failure.cursor())) {
                return run.position(0);
            }
            return endStep(run, "error", failure.reason(),
                    new StepBatch(null, 0, 0, 0, 1, Map.of("stepFailed", 1L), List.of()));
        });
    }

    @Override
    public BatchResult finish(FinishRequest request) {
        UUID id = UUID.fromString(request.backfillId());
        return transaction.execute(status -> {
            runs.finish(id, request.status() == JobStatus.COMPLETED ? "completed" : request.status().dbValue());
            runs.dropWorkingRows(id);
            return runs.lock(id).position(0);
        });
    }

    /** Notes how a step ended in the report and moves the locked run to its next step. */
    private BatchResult endStep(BackfillRun run, String noteKey, String note, StepBatch batch) {
        runs.saveReport(run.id(), runs.withNote(run.report(), run.step(), noteKey, note));
        return runs.advance(runs.lock(run.id()), run.backfillKind().stepAfter(run.step()), null, batch).position(0);
    }

    private boolean hasDuplicateOpenKeys() {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM conversations WHERE status = 'open' AND canonical_key IS NOT NULL
                                       GROUP BY account_id, canonical_key HAVING count(*) > 1)""")
                .query(Boolean.class).single();
    }

    /** Whether a run is still live and at this position: the compare-and-set that makes a retried batch a no-op. */
    private static boolean isAt(BackfillRun run, String step, String cursor) {
        return !run.isFinal() && Objects.equals(run.step(), step) && Objects.equals(run.cursor(), cursor);
    }

    private BackfillStep step(String name) {
        BackfillStep step = steps.get(name);
        if (step == null) {
            throw ApplicationFailure.newNonRetryableFailure("no backfill step named " + name, "UnknownStep");
        }
        return step;
    }
}
