package dev.kinflow.jobs;

import dev.kinflow.common.JobProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
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
    public static <R> R run(String jobId, Supplier<JobProgress> progress, Supplier<R> body,
                            Function<R, Map<String, Object>> summary, Function<R, JobStatus> finalStatus) {
        JobActivities jobs = Workflow.newActivityStub(JobActivities.class, FINISH_OPTIONS);
        R result;
        try {
            result = body.get();
        } catch (CanceledFailure cancelled) {
            Workflow.newDetachedCancellationScope(() -> jobs.finish(
                    new JobOutcome(jobId, JobStatus.CANCELLED, progress.get(), Map.of(), null))).run();
            throw cancelled;
        } catch (RuntimeException failure) {
            Workflow.newDetachedCancellationScope(() -> jobs.finish(
                    new JobOutcome(jobId, JobStatus.FAILED, progress.get(), Map.of(), describe(failure)))).run();
            throw failure;
        }
        JobOutcome outcome = new JobOutcome(jobId, finalStatus.apply(result), progress.get(), summary.apply(result),
                null);
        Workflow.newDetachedCancellationScope(() -> jobs.finish(outcome)).run();
        return result;
    }

    private static String describe(RuntimeException failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
