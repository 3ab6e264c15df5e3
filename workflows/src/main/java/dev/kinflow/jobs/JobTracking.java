package dev.kinflow.jobs;

import dev.kinflow.common.JobProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import dev.kinflow.common.ProgressReporter;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a workflow body and records how it ended in {@code job_runs}: completed with its summary, cancelled when the
 * workflow was cancelled, failed otherwise. The final write runs in a detached scope so that it also happens after a
 * cancellation request (including a body that finishes normally although cancellation was requested). Only for use
 * inside workflow code.
 */
public final class JobTracking {

    private static final ActivityOptions FINISH_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .build())
            .build();

    private JobTracking() {
    }

    public static <R> R run(String jobId, Supplier<JobProgress> progress, Supplier<R> body,
                            Function<R, Map<String, Object>> summary) {
        return run(jobId, progress, body, summary, result -> JobStatus.COMPLETED);
    }

    /**
     * Like {@link #run(String, Supplier, Supplier, Function)}, for a body that can itself end the job in another final
     * state (e.g. a batch cancelled through an update returns normally but is recorded as cancelled).
     */
    public static <R> R run(String jobId, Supplier<JobProgress> progressOf, Supplier<R> body,
                            Function<R, Map<String, Object>> summary, Function<R, JobStatus> finalStatus) {
        JobActivities jobs = Workflow.newActivityStub(JobActivities.class, FINISH_OPTIONS);
        Supplier<JobProgress> last = () -> {
            JobProgress current = progressOf.get();
            return current == null ? null : current.withWaiting(null);
        };
        R result;
        try {
            result = body.get();
        } catch (CanceledFailure cancelled) {
            Workflow.newDetachedCancellationScope(() -> jobs.finish(
                    new JobOutcome(jobId, JobStatus.CANCELLED, last.get(), Map.of(), null, null))).run();
            throw cancelled;
        } catch (RuntimeException failure) {
            Workflow.newDetachedCancellationScope(() -> jobs.finish(
                    new JobOutcome(jobId, JobStatus.FAILED, last.get(), Map.of(), null, describe(failure,
                            last.get())))).run();
            throw failure;
        }
        JobOutcome outcome = new JobOutcome(jobId, finalStatus.apply(result), last.get(), summary.apply(result),
                null, null);
        Workflow.newDetachedCancellationScope(() -> jobs.finish(outcome)).run();
        return result;
    }

    /**
     * The readable error of a failed job, from the failure chain: the deepest {@link ApplicationFailure}'s type and
     * message, the step and attempts it carries ({@link FailedStep}) or else the activity or child workflow that
     * failed and the phase the job was in. A failure Kinflow did not raise itself (an exception class name as type)
     * keeps only its class name: its message could quote data. Also mirrored into the current details.
     */
    static JobError describe(Throwable failure, JobProgress progress) {
        JobError error = describe(failure, progress == null ? null : progress.phase(), Workflow.currentTimeMillis());
        ProgressReporter.failed("failed: " + error.type() + " — " + error.message()
                + (error.step() == null ? "" : " (" + error.step() + ")")
                + (error.attempts() == null ? "" : " after " + error.attempts() + " attempts"));
        return error;
    }

    static JobError describe(Throwable failure, String phase, long nowMillis) {
        ApplicationFailure deepest = null;
        String failedUnit = null;
        TimeoutFailure timeout = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof ApplicationFailure application) {
                deepest = application;
            } else if (t instanceof ActivityFailure activity && failedUnit == null) {
                failedUnit = "activity " + activity.getActivityType();
            } else if (t instanceof ChildWorkflowFailure child && failedUnit == null) {
                failedUnit = "child workflow " + child.getWorkflowType();
            } else if (t instanceof TimeoutFailure timedOut) {
                timeout = timedOut;
            }
        }
        String type;
        String message;
        if (deepest != null && deepest.getType() != null && !deepest.getType().contains(".")) {
            type = deepest.getType();
            message = deepest.getOriginalMessage();
        } else if (deepest != null) {
            String name = deepest.getType() == null ? "Error" : deepest.getType();
            type = name.substring(name.lastIndexOf('.') + 1);
            message = "unexpected " + type + " (details in the worker log)";
        } else if (timeout != null) {
            type = "Timeout";
            message = "timed out (" + timeout.getTimeoutType().name().replace("TIMEOUT_TYPE_", "").toLowerCase()
                    .replace('_', '-') + ")";
        } else {
            type = root.getClass().getSimpleName();
            message = "unexpected " + type + " (details in the worker log)";
        }
        FailedStep step = deepest == null ? null : failedStep(deepest);
        String where = step != null ? step.step()
                : failedUnit == null ? phase : failedUnit + (phase == null ? "" : " during " + phase);
        return new JobError(type, message, where, step == null ? null : step.attempts(),
                Instant.ofEpochMilli(nowMillis));
    }

    private static FailedStep failedStep(ApplicationFailure failure) {
        try {
            return failure.getDetails().getSize() == 0 ? null : failure.getDetails().get(0, FailedStep.class);
        } catch (RuntimeException notOurs) {
            return null;
        }
    }
}
