package dev.kinflow.common;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Map;

/**
 * Workflow-side holder of a job's progress: keeps the value the {@code progress()} query returns and mirrors its
 * text (and, while it waits, why and until when) into the workflow's current details (Temporal Web UI). A new report
 * clears the waiting state: the job is working again. Only for use inside workflow code.
 */
public final class ProgressReporter {

    private JobProgress current = JobProgress.starting();

    public void report(String phase, String text, long done, long total, Map<String, Long> counters) {
        current = new JobProgress(phase, text, done, total, counters);
        Workflow.setCurrentDetails(text);
    }

    public void report(String phase, String text) {
        report(phase, text, current.done(), current.total(), current.counters());
    }

    /** The job waits: its phase and counts stay, {@code waiting} says why and until when. */
    public void waiting(String reason, Instant until) {
        current = current.withWaiting(new Waiting(reason, until));
        Workflow.setCurrentDetails(current.text() + " — waiting: " + reason);
    }

    /** The wait is over (no-op when the job was not waiting). */
    public void resumed() {
        if (current.waiting() != null) {
            current = current.withWaiting(null);
            Workflow.setCurrentDetails(current.text());
        }
    }

    /** The final failure, so that the Temporal Web UI shows the same text as the job's {@code error}. */
    public static void failed(String text) {
        Workflow.setCurrentDetails(text);
    }

    public JobProgress current() {
        return current;
    }
}
