package dev.kinflow.outreach;

import dev.kinflow.reset.ResetStopHook;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * When an account's reset starts, withdraws every message still waiting in its device send queue (not yet claimed by
 * a device), and cancels their items, so no device sends anything for the account from then on. Claimed messages are
 * left alone: the device may already have sent them, and its result is still accepted until the reset deletes them.
 * Idempotent: only {@code queued} rows change, so a second call withdraws nothing.
 */
@Component
public class OutreachResetStopHook implements ResetStopHook {

    private final OutreachBatchRepository batches;

    public OutreachResetStopHook(OutreachBatchRepository batches) {
        this.batches = batches;
    }

    @Override
    public String name() {
        return "outreach send queue";
    }

    @Override
    public long withdraw(UUID accountId) {
        return batches.withdrawQueued(accountId);
    }
}
