package dev.kinflow.reset;

import java.util.List;

/** A list of jobs (ids only). */
public record RunningJobs(List<RunningJob> jobs) {

    public RunningJobs {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
