package dev.kinflow.jobs;

import java.util.UUID;

/**
 * The answer of an endpoint that starts (or joins) a job: account bootstrap, duplicate scan, account reset.
 *
 * @param joined true when a run of the same workflow id was already open and this request joined it
 */
public record JobStarted(UUID jobId, String workflowId, boolean joined) {

    public static JobStarted of(JobLauncher.Launched launched) {
        return new JobStarted(launched.job().id(), launched.job().workflowId(), launched.joined());
    }
}
