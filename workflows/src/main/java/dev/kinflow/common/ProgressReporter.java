package dev.kinflow.common;

import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Workflow-side holder of a job's progress: keeps the value the {@code progress()} query returns and mirrors its
 * text into the workflow's current details (Temporal Web UI). Only for use inside workflow code.
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

    public JobProgress current() {
        return current;
    }
}
