package dev.kinflow.reset;

import java.util.UUID;

/**
 * Withdraws an account's queued work when a reset starts, so that nothing more leaves the system (e.g. outreach
 * items waiting in the device send queue). A feature implements it as a Spring {@code @Component}; the reset runs
 * every hook before cancelling the account's jobs and again once they have all closed.
 *
 * <p>Implementations must be idempotent (a guarded status change such as
 * {@code UPDATE send_queue SET status = 'withdrawn' WHERE account_id = ? AND status = 'pending'}) and return how many
 * items this call withdrew.
 */
public interface ResetStopHook {

    /** A short name for logs. */
    String name();

    long withdraw(UUID accountId);
}
