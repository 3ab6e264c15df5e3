package dev.kinflow.reset;

import java.util.Map;

/**
 * The end of a reset: the audit entry and the account's return to {@code active}.
 *
 * @param target        the reset
 * @param actor         who asked for it
 * @param deleted       rows deleted per table
 * @param cancelledJobs how many running jobs the reset stopped
 */
public record ResetCompletion(ResetTarget target, String actor, Map<String, Long> deleted, int cancelledJobs) {

    public ResetCompletion {
        deleted = Map.copyOf(deleted);
    }
}
