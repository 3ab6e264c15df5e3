package dev.kinflow.accounts;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Creates the per-account singletons a new (or freshly reset) account needs.
 *
 * <p>Idempotency key: the account id. Each method inserts with {@code ON CONFLICT DO NOTHING} on the singleton's
 * unique key and reports how many rows it actually created, so re-running it changes nothing and says so.
 * Timeouts: a few small inserts, so 10 s start-to-close with unlimited retries (a database restart only delays it).
 */
@ActivityInterface
public interface AccountBootstrapActivities {

    /** Default outreach settings (limits, ack timeout, no quiet hours) unless the account has settings. */
    @ActivityMethod
    Provisioned ensureOutreachSettings(ProvisionRequest request);

    /** The default birthday/reminder rules (30, 7 and 0 days before), each unless present. */
    @ActivityMethod
    Provisioned ensureReminderRules(ProvisionRequest request);
}
