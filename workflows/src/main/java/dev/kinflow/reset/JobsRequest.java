package dev.kinflow.reset;

import java.util.List;

/**
 * Jobs of the account on which the reset acts.
 *
 * @param target the reset
 * @param jobs   the jobs
 */
public record JobsRequest(ResetTarget target, List<RunningJob> jobs) {

    public JobsRequest {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
