package dev.kinflow.common;

/** Names of the Temporal task queues Kinflow's workers poll. */
public final class TaskQueues {

    /** Workflows and database activities. */
    public static final String DEFAULT = "kinflow-default";

    /** Calls to a Monica instance, so that they can be scaled and rate-limited apart. */
    public static final String MONICA = "kinflow-monica";

    private TaskQueues() {
    }
}
