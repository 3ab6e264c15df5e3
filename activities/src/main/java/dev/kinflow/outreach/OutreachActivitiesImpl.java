package dev.kinflow.outreach;

import dev.kinflow.common.TaskQueues;
import dev.kinflow.outreach.SendPolicy.Decision;
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

    @Override
    public DispatchOutcome dispatch(DispatchRequest request) {
        UUID account = UUID.fromString(request.accountId());
        return tx.execute(status -> {
            SendLimits limits = settings.lockLimits(account).orElseThrow(() ->
                    new IllegalStateException("outreach settings not provisioned yet"));
            if (batches.inLedger(request.itemId())) {
                return enqueued(limits, Decision.allow(0));
            }
            String itemStatus = batches.lockItemStatus(account, request.batchId(), request.itemId()).orElse("missing");
            if (!itemStatus.equals("pending")) {
                return new DispatchOutcome(DispatchResult.NOT_PENDING, 0, null, null, 0);
            }
            long now = request.nowMillis();
            List<Long> recent = batches.ledgerSince(account, now - Duration.ofDays(1).toMillis());
            Decision decision = SendPolicy.decide(limits, now, recent);
            if (!decision.allowed()) {
                batches.setWaiting(account, request.batchId(), decision.notBeforeMillis(), decision.detail());
                return new DispatchOutcome(DispatchResult.WAIT, decision.notBeforeMillis(), decision.reason(),
                        decision.detail(), 0);
            }
            batches.enqueue(account, request.batchId(), request.itemId(), now);
            Decision next = SendPolicy.nextAfter(limits, now, recent);
            if (!next.allowed()) {
                batches.setWaiting(account, request.batchId(), next.notBeforeMillis(), next.detail());
            }
            return enqueued(limits, next);
        });
    }

    private static DispatchOutcome enqueued(SendLimits limits, Decision next) {
        return next.allowed()
                ? new DispatchOutcome(DispatchResult.ENQUEUED, 0, null, null, limits.ackTimeoutMinutes())
                : new DispatchOutcome(DispatchResult.ENQUEUED, next.notBeforeMillis(), next.reason(), next.detail(),
                        limits.ackTimeoutMinutes());
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
