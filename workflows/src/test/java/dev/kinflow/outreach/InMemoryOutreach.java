package dev.kinflow.outreach;

import dev.kinflow.outreach.OutreachBatchWorkflow.ItemResult;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A faithful in-memory stand-in for {@link OutreachActivitiesImpl} of one account: the same {@link SendPolicy} over a
 * ledger, the same status transitions, and every method {@code synchronized} like the row lock on the account's
 * settings. Optionally a device that confirms each message as soon as it is queued (signalling the workflow like the
 * device endpoint does).
 */
class InMemoryOutreach implements OutreachActivities {

    record Item(long id, long batchId, String status) {
    }

    record Send(long itemId, long batchId, long atMillis) {
    }

    private final Map<Long, Item> items = new TreeMap<>();
    private final Map<Long, String> queue = new TreeMap<>();
    private final List<Send> ledger = new ArrayList<>();
    private final Map<Long, String> batchStatus = new ConcurrentHashMap<>();
    private volatile SendLimits limits;
    private volatile WorkflowClient autoConfirm;
    private volatile int answersToLose;
    private volatile java.util.concurrent.CountDownLatch dispatchEntered;
    private volatile java.util.concurrent.CountDownLatch dispatchReleased;
    private long nextId = 1;
    /** Calls of {@link #dispatch}, including those that failed. */
    volatile int dispatchAttempts;

    InMemoryOutreach(SendLimits limits) {
        this.limits = limits;
    }

    /** {@code null}: the account has no settings row, every dispatch fails like {@link OutreachActivitiesImpl}'s. */
    void setLimits(SendLimits limits) {
        this.limits = limits;
    }

    /** The next {@code count} successful dispatches commit but then fail, as if the worker died before answering. */
    void loseAnswers(int count) {
        this.answersToLose = count;
    }

    /** Makes the next dispatch wait until {@code released}, after counting down {@code entered}. */
    void holdNextDispatch(java.util.concurrent.CountDownLatch entered, java.util.concurrent.CountDownLatch released) {
        this.dispatchEntered = entered;
        this.dispatchReleased = released;
    }

    /** Confirms every queued message at once as sent, through this client. */
    void confirmAutomatically(WorkflowClient client) {
        this.autoConfirm = client;
    }

    synchronized List<Long> addBatch(long batchId, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = nextId++;
            items.put(id, new Item(id, batchId, "pending"));
            ids.add(id);
        }
        batchStatus.put(batchId, "sending");
        return ids;
    }

    synchronized List<Send> ledger() {
        return List.copyOf(ledger);
    }

    synchronized String status(long itemId) {
        return items.get(itemId).status();
    }

    synchronized String queueStatus(long itemId) {
        return queue.get(itemId);
    }

    synchronized long count(long batchId, String status) {
        return items.values().stream().filter(i -> i.batchId() == batchId && i.status().equals(status)).count();
    }

    String batchStatus(long batchId) {
        return batchStatus.get(batchId);
    }

    /** A device claims the message of this item. */
    synchronized void claim(long itemId) {
        queue.put(itemId, "claimed");
    }

    /** A device reports a result (the endpoint's database part); the caller signals the workflow. */
    synchronized void result(long itemId, String status) {
        queue.put(itemId, status);
        Item item = items.get(itemId);
        items.put(itemId, new Item(itemId, item.batchId(), status));
    }

    @Override
    public synchronized ItemPage nextItems(ItemPageRequest request) {
        return new ItemPage(items.values().stream()
                .filter(i -> i.batchId() == request.batchId() && i.status().equals("pending")
                        && i.id() > request.afterItemId())
                .limit(request.limit()).map(Item::id).toList());
    }

    @Override
    public DispatchOutcome dispatch(DispatchRequest request) {
        var entered = dispatchEntered;
        if (entered != null) {
            dispatchEntered = null;
            entered.countDown();
            try {
                dispatchReleased.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        DispatchOutcome outcome;
        synchronized (this) {
            dispatchAttempts++;
            if (limits == null) {
                throw io.temporal.failure.ApplicationFailure.newFailure(
                        "the account's outreach settings are not provisioned", "OutreachSettingsMissing");
            }
            Item item = items.get(request.itemId());
            if (ledger.stream().anyMatch(s -> s.itemId() == request.itemId())) {
                return new DispatchOutcome(DispatchResult.ENQUEUED, 0, null, null, limits.ackTimeoutMinutes());
            }
            if (!item.status().equals("pending")) {
                return new DispatchOutcome(DispatchResult.NOT_PENDING, 0, null, null, 0);
            }
            long now = request.nowMillis();
            List<Long> recent = ledger.stream().map(Send::atMillis).filter(t -> t > now - 86_400_000L).sorted()
                    .toList();
            SendPolicy.Decision decision = SendPolicy.decide(limits, now, recent);
            if (!decision.allowed()) {
                return new DispatchOutcome(DispatchResult.WAIT, decision.notBeforeMillis(), decision.reason(),
                        decision.detail(), 0);
            }
            ledger.add(new Send(item.id(), item.batchId(), now));
            queue.put(item.id(), "queued");
            items.put(item.id(), new Item(item.id(), item.batchId(), "queued"));
            SendPolicy.Decision next = SendPolicy.nextAfter(limits, now, recent);
            outcome = next.allowed()
                    ? new DispatchOutcome(DispatchResult.ENQUEUED, 0, null, null, limits.ackTimeoutMinutes())
                    : new DispatchOutcome(DispatchResult.ENQUEUED, next.notBeforeMillis(), next.reason(),
                            next.detail(), limits.ackTimeoutMinutes());
        }
        if (answersToLose > 0) {
            answersToLose--;
            throw new IllegalStateException("connection reset after commit");
        }
        WorkflowClient client = autoConfirm;
        if (client != null) {
            result(request.itemId(), "sent");
            client.newWorkflowStub(OutreachBatchWorkflow.class, OutreachBatchWorkflow.workflowId(request.batchId()))
                    .itemResult(new ItemResult(request.itemId(), "sent"));
        }
        return outcome;
    }

    @Override
    public synchronized ItemStatus expireUnconfirmed(ItemRef request) {
        Item item = items.get(request.itemId());
        if (item.status().equals("queued")) {
            items.put(item.id(), new Item(item.id(), item.batchId(), "failed"));
            queue.put(item.id(), "expired");
        }
        return new ItemStatus(item.id(), items.get(item.id()).status());
    }

    @Override
    public synchronized CancelOutcome cancelRemaining(BatchRef request) {
        List<Long> withdrawn = new ArrayList<>();
        long cancelled = 0;
        for (Item item : List.copyOf(items.values())) {
            if (item.batchId() != request.batchId()) {
                continue;
            }
            boolean pending = item.status().equals("pending");
            boolean unclaimed = item.status().equals("queued") && "queued".equals(queue.get(item.id()));
            if (pending || unclaimed) {
                items.put(item.id(), new Item(item.id(), item.batchId(), "cancelled"));
            }
            if (unclaimed) {
                queue.put(item.id(), "withdrawn");
            }
            if ("withdrawn".equals(queue.get(item.id()))) {
                withdrawn.add(item.id());
            } else if (items.get(item.id()).status().equals("cancelled")) {
                cancelled++;
            }
        }
        batchStatus.put(request.batchId(), "cancelled");
        return new CancelOutcome(cancelled, withdrawn);
    }

    @Override
    public BatchRef setBatchStatus(BatchStatusChange request) {
        batchStatus.computeIfPresent(request.batchId(), (id, current) ->
                current.equals("completed") || current.equals("cancelled") ? current : request.status());
        return new BatchRef(request.accountId(), request.batchId());
    }
}
