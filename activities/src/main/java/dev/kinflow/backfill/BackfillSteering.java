package dev.kinflow.backfill;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Pause, resume and cancel of a running backfill. Pause and resume are Temporal updates: they return once the workflow
 * has taken them, and the stored status follows. Cancel is a Temporal cancellation request: the batch in flight ends,
 * no new batch starts and the backfill ends {@code cancelled}.
 */
@Component
public class BackfillSteering {

    private final WorkflowClient client;
    private final BackfillRepository runs;

    public BackfillSteering(WorkflowClient client, BackfillRepository runs) {
        this.client = client;
        this.runs = runs;
    }

    /** Why a backfill could not be steered. */
    public static class NotSteerableException extends RuntimeException {
        public NotSteerableException(String message) {
            super(message);
        }
    }

    public Optional<BackfillRun> pause(UUID accountId, UUID id) {
        return live(accountId, id).map(run -> {
            update(run, true);
            runs.transition(id, "running", "paused");
            return runs.find(accountId, id).orElseThrow();
        });
    }

    public Optional<BackfillRun> resume(UUID accountId, UUID id) {
        return live(accountId, id).map(run -> {
            update(run, false);
            runs.transition(id, "paused", "running");
            return runs.find(accountId, id).orElseThrow();
        });
    }

    public Optional<BackfillRun> cancel(UUID accountId, UUID id) {
        return live(accountId, id).map(run -> {
            try {
                client.newUntypedWorkflowStub(BackfillWorkflow.workflowId(id.toString())).cancel();
            } catch (WorkflowNotFoundException finished) {
                throw new NotSteerableException("The backfill has already finished");
            }
            return run;
        });
    }

    private Optional<BackfillRun> live(UUID accountId, UUID id) {
        Optional<BackfillRun> run = runs.find(accountId, id);
        if (run.isPresent() && run.get().isFinal()) {
            throw new NotSteerableException("The backfill has already finished (" + run.get().status() + ")");
        }
        return run;
    }

    private void update(BackfillRun run, boolean pause) {
        BackfillWorkflow workflow = client.newWorkflowStub(BackfillWorkflow.class,
                BackfillWorkflow.workflowId(run.id().toString()));
        try {
            if (pause) {
                workflow.pause();
            } else {
                workflow.resume();
            }
        } catch (WorkflowException notRunning) {
            throw new NotSteerableException("The backfill is no longer running");
        }
    }
}
