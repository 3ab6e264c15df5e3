package dev.kinflow.outreach;

import dev.kinflow.common.TaskQueues;
import dev.kinflow.outreach.SendPolicy.Decision;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Component
@ActivityImpl(taskQueues = TaskQueues.DEFAULT)
public class OutreachActivitiesImpl implements OutreachActivities {

    /**
     * How far after the dispatch's decision its message becomes claimable. The message is recorded at that instant and
     * invisible to the device before it; the lead only has to cover the dispatch transaction's own commit, so that the
     * recorded instant is the instant the device can first see the message (a transaction stalled past it fails and is
     * retried, see {@link OutreachBatchRepository#enqueue}).
     */
    static final Duration DELIVERY_LEAD = Duration.ofSeconds(1);

    private final OutreachBatchRepository batches;
    private final OutreachSettingsRepository settings;
    private final TransactionTemplate tx;

    public OutreachActivitiesImpl(OutreachBatchRepository batches, OutreachSettingsRepository settings,
                                  PlatformTransactionManager transactions) {
        this.batches = batches;
        this.settings = settings;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public ItemPage nextItems(ItemPageRequest request) {
        return new ItemPage(batches.pendingItemIds(UUID.fromString(request.accountId()), request.batchId(),
                request.afterItemId(), request.limit()));
    }

    /**
     * Decides and records on one clock, the database's: after the account's settings row is locked (which serialises
     * every dispatch of the account, whatever batch or worker process it comes from), it reads
     * {@code clock_timestamp()}, checks the limits for a delivery {@link #DELIVERY_LEAD} later, and records that very
     * instant as the ledger time and the queue entry's {@code available_at}. The caller's time only expresses the
     * answer's "not before" on the caller's clock; a retried dispatch decides afresh and can never backdate a record.
     */
    @Override
    public DispatchOutcome dispatch(DispatchRequest request) {
        UUID account = UUID.fromString(request.accountId());
        return tx.execute(status -> {
            SendLimits limits = settings.lockLimits(account).orElseThrow(() ->
                    // retryable (the account bootstrap may still be provisioning them), bounded by the workflow's
                    // retry policy; typed so that the failed job says why
                    ApplicationFailure.newFailure("the account's outreach settings are not provisioned",
                            "OutreachSettingsMissing"));
            if (batches.inLedger(request.itemId())) {
                return new DispatchOutcome(DispatchResult.ENQUEUED, 0, null, null, limits.ackTimeoutMinutes());
            }
            String itemStatus = batches.lockItemStatus(account, request.batchId(), request.itemId()).orElse("missing");
            if (!itemStatus.equals("pending")) {
                return new DispatchOutcome(DispatchResult.NOT_PENDING, 0, null, null, 0);
            }
            long slot = batches.databaseNow() + DELIVERY_LEAD.toMillis();
            List<Long> recent = batches.ledgerSince(account, slot - Duration.ofDays(1).toMillis());
            Decision decision = SendPolicy.decide(limits, slot, recent);
            if (!decision.allowed()) {
                batches.setWaiting(account, request.batchId(), decision.notBeforeMillis(), decision.detail());
                return new DispatchOutcome(DispatchResult.WAIT, onCallerClock(request, slot, decision),
                        decision.reason(), decision.detail(), 0);
            }
            batches.enqueue(account, request.batchId(), request.itemId(), slot);
            Decision next = SendPolicy.nextAfter(limits, slot, recent);
            if (next.allowed()) {
                return new DispatchOutcome(DispatchResult.ENQUEUED, 0, null, null, limits.ackTimeoutMinutes());
            }
            batches.setWaiting(account, request.batchId(), next.notBeforeMillis(), next.detail());
            return new DispatchOutcome(DispatchResult.ENQUEUED, onCallerClock(request, slot, next), next.reason(),
                    next.detail(), limits.ackTimeoutMinutes());
        });
    }

    /**
     * "Not before" on the caller's clock: its time plus how long the database clock has to advance before a dispatch
     * can be allowed. A caller whose request time is stale (a retried activity) wakes early and simply asks again.
     */
    private static long onCallerClock(DispatchRequest request, long slot, Decision decision) {
        return request.nowMillis() + (decision.notBeforeMillis() - slot);
    }

    @Override
    public ItemStatus expireUnconfirmed(ItemRef request) {
        String status = tx.execute(s -> batches.expire(UUID.fromString(request.accountId()), request.itemId()));
        return new ItemStatus(request.itemId(), status);
    }

    @Override
    public CancelOutcome cancelRemaining(BatchRef request) {
        return tx.execute(s -> batches.cancel(UUID.fromString(request.accountId()), request.batchId()));
    }

    @Override
    public BatchRef setBatchStatus(BatchStatusChange request) {
        batches.setStatus(UUID.fromString(request.accountId()), request.batchId(), request.status(),
                request.waitingFor());
        return new BatchRef(request.accountId(), request.batchId());
    }
}
