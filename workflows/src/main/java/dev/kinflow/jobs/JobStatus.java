package dev.kinflow.jobs;

/** Lifecycle of a row in {@code job_runs}; the three last values are final. */
public enum JobStatus {
    RUNNING, COMPLETED, FAILED, CANCELLED;

    public String dbValue() {
        return name().toLowerCase();
    }

    public static JobStatus fromDb(String value) {
        return valueOf(value.toUpperCase());
    }

    public boolean isFinal() {
        return this != RUNNING;
    }
}
