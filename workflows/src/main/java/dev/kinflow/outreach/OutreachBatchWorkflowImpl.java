package dev.kinflow.outreach;

import dev.kinflow.common.JobProgress;
import dev.kinflow.common.ProgressReporter;
import dev.kinflow.jobs.BoundedRetries;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.jobs.JobTracking;
import dev.kinflow.outreach.OutreachActivities.BatchRef;
import dev.kinflow.outreach.OutreachActivities.BatchStatusChange;
import dev.kinflow.outreach.OutreachActivities.CancelOutcome;
import dev.kinflow.outreach.OutreachActivities.DispatchOutcome;
import dev.kinflow.outreach.OutreachActivities.DispatchRequest;
import dev.kinflow.outreach.OutreachActivities.ItemPageRequest;
import dev.kinflow.outreach.OutreachActivities.ItemRef;
import dev.kinflow.outreach.OutreachActivities.ItemStatus;
import dev.kinflow.outreach.OutreachBatchRequest.Carried;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

public class OutreachBatchWorkflowImpl implements OutreachBatchWorkflow {

    static final int PAGE_SIZE = 100;
    static final String SENDING = "sending";
    static final String PAUSED = "paused";
    static final String COMPLETED = "completed";
    static final String CANCELLED = "cancelled";

    private final OutreachActivities activities = Workflow.newActivityStub(OutreachActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(BoundedRetries.DATABASE_STEP)
                    .build());

    private final ProgressReporter progress = new ProgressReporter();
    private final Deque<Long> page = new ArrayDeque<>();
    private final Map<Long, Long> unconfirmed = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    /** Results signalled before the workflow saw its own dispatch of the item complete. */
    private final Map<Long, String> earlyResults = new LinkedHashMap<>();

    private OutreachBatchRequest request;
    private long cursor;
    private long total;
    private boolean paused;
    private boolean cancelRequested;
    private boolean dispatching;
    private boolean exhausted;
    private int wakeVersion;
    private String waitingFor;

    @Override
    public OutreachBatchResult run(OutreachBatchRequest request) {
        this.request = request;
        Carried carried = request.carried();
        cursor = carried.cursor();
        total = carried.total();
        paused = carried.paused();
        for (String key : List.of("queued", "sent", "failed", "skipped", "cancelled")) {
            counts.put(key, carried.counts().getOrDefault(key, 0L));
        }
        unconfirmed.putAll(carried.unconfirmed());
        return JobTracking.run(request.jobId(), progress::current, this::dispatchAll, OutreachBatchResult::toSummary,
                result -> CANCELLED.equals(result.status()) ? JobStatus.CANCELLED : JobStatus.COMPLETED);
    }

    private OutreachBatchResult dispatchAll() {
        int dispatchedThisRun = 0;
        report();
        while (true) {
            expireOverdue();
            if (cancelRequested) {
                return finishCancelled();
            }
            if (paused) {
                waitingFor = "batch paused";
                report();
                awaitWake(Long.MAX_VALUE, wakeVersion, () -> !paused || cancelRequested);
                continue;
            }
            Long next = nextItem();
            if (next == null) {
                if (unconfirmed.isEmpty()) {
                    return finishCompleted();
                }
                waitingFor = "device confirmations";
                report();
                awaitWake(Long.MAX_VALUE, wakeVersion, () -> unconfirmed.isEmpty() || cancelRequested || paused);
                continue;
            }
            if (paused || cancelRequested) {
                continue;
            }
            if (dispatchedThisRun >= request.itemsPerRun() || Workflow.getInfo().isContinueAsNewSuggested()) {
                continueAsNew();
            }
            DispatchOutcome outcome;
            int versionBeforeDispatch = wakeVersion;
            dispatching = true;
            try {
                outcome = activities.dispatch(new DispatchRequest(request.accountId(), request.batchId(), next,
                        Workflow.currentTimeMillis()));
            } finally {
                dispatching = false;
            }
            switch (outcome.result()) {
                case ENQUEUED -> {
                    page.poll();
                    cursor = next;
                    unconfirmed.put(next, Workflow.currentTimeMillis()
                            + Duration.ofMinutes(outcome.ackTimeoutMinutes()).toMillis());
                    add("queued", 1);
                    String early = earlyResults.remove(next);
                    if (early != null) {
                        unconfirmed.remove(next);
                        settle(early);
                    }
                    dispatchedThisRun++;
                    waitingFor = null;
                    report();
                    boolean more = page.peek() != null || !exhausted;
                    if (more && outcome.notBeforeMillis() > Workflow.currentTimeMillis()) {
                        waitingFor = outcome.detail();
                        report(outcome.notBeforeMillis());
                        awaitWake(outcome.notBeforeMillis(), versionBeforeDispatch, this::steered);
                    }
                }
                case NOT_PENDING -> {
                    page.poll();
                    cursor = next;
                }
                case WAIT -> {
                    waitingFor = outcome.detail();
                    report(outcome.notBeforeMillis());
                    awaitWake(outcome.notBeforeMillis(), versionBeforeDispatch, this::steered);
                }
            }
        }
    }

    private Long nextItem() {
        if (page.isEmpty() && !exhausted) {
            List<Long> ids = activities.nextItems(new ItemPageRequest(request.accountId(), request.batchId(), cursor,
                    PAGE_SIZE)).itemIds();
            page.addAll(ids);
            exhausted = ids.size() < PAGE_SIZE;
        }
        return page.peek();
    }

    /**
     * Sleeps until {@code untilMillis} or the earliest ack deadline, whichever is first, or until a steering signal
     * (pause, resume, cancel, settings change) arrived after {@code seen} or {@code done} says the situation changed.
     * Callers pass the version they saw before their last activity call, so a signal that came during it still wakes.
     */
    private void awaitWake(long untilMillis, int seen, BooleanSupplier done) {
        long until = Math.min(untilMillis, earliestDeadline());
        BooleanSupplier woken = () -> wakeVersion != seen || done.getAsBoolean();
        if (until == Long.MAX_VALUE) {
            Workflow.await(woken::getAsBoolean);
            return;
        }
        long delay = until - Workflow.currentTimeMillis();
        if (delay > 0) {
            Workflow.await(Duration.ofMillis(delay), woken::getAsBoolean);
        }
    }

    private boolean steered() {
        return paused || cancelRequested;
    }

    private long earliestDeadline() {
        return unconfirmed.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    private void expireOverdue() {
        long now = Workflow.currentTimeMillis();
        List<Long> overdue = new ArrayList<>();
        unconfirmed.forEach((item, deadline) -> {
            if (deadline <= now) {
                overdue.add(item);
            }
        });
        for (long item : overdue) {
            ItemStatus status = activities.expireUnconfirmed(new ItemRef(request.accountId(), request.batchId(), item));
            if (unconfirmed.remove(item) != null) {
                settle(status.status());
            }
        }
        if (!overdue.isEmpty()) {
            report();
        }
    }

    private void settle(String status) {
        if ("sent".equals(status) || "failed".equals(status)) {
            add("queued", -1);
            add(status, 1);
        }
    }

    private OutreachBatchResult finishCompleted() {
        Workflow.await(Workflow::isEveryHandlerFinished);
        waitingFor = null;
        activities.setBatchStatus(new BatchStatusChange(request.accountId(), request.batchId(), COMPLETED, null));
        report();
        return new OutreachBatchResult(COMPLETED, snapshot());
    }

    /** The cancel update has already withdrawn what it could; claimed items still get their result or time out. */
    private OutreachBatchResult finishCancelled() {
        while (!unconfirmed.isEmpty()) {
            waitingFor = "results of items already claimed by the device";
            report();
            awaitWake(Long.MAX_VALUE, wakeVersion, unconfirmed::isEmpty);
            expireOverdue();
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        waitingFor = null;
        report();
        return new OutreachBatchResult(CANCELLED, snapshot());
    }

    private void continueAsNew() {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new OutreachBatchRequest(request.accountId(), request.batchId(), request.jobId(),
                request.itemsPerRun(), new Carried(cursor, total, snapshot(), Map.copyOf(unconfirmed), paused)));
    }

    @Override
    public BatchState pause() {
        if (!cancelRequested && !paused) {
            paused = true;
            wakeVersion++;
            Workflow.await(() -> !dispatching);
            activities.setBatchStatus(new BatchStatusChange(request.accountId(), request.batchId(), PAUSED,
                    "batch paused"));
            report();
        }
        return state();
    }

    @Override
    public BatchState resume() {
        if (!cancelRequested && paused) {
            paused = false;
            wakeVersion++;
            activities.setBatchStatus(new BatchStatusChange(request.accountId(), request.batchId(), SENDING, null));
        }
        return state();
    }

    @Override
    public BatchState cancel() {
        if (!cancelRequested) {
            cancelRequested = true;
            wakeVersion++;
            Workflow.await(() -> !dispatching);
            CancelOutcome outcome = activities.cancelRemaining(new BatchRef(request.accountId(), request.batchId()));
            add("cancelled", outcome.cancelled());
            for (long item : outcome.withdrawnItemIds()) {
                if (unconfirmed.remove(item) != null) {
                    add("queued", -1);
                    add("cancelled", 1);
                }
            }
            report();
        }
        return state();
    }

    @Override
    public void itemResult(ItemResult result) {
        if (unconfirmed.remove(result.itemId()) != null) {
            settle(result.status());
            report();
        } else if (result.itemId() > cursor) {
            earlyResults.put(result.itemId(), result.status());
        }
    }

    @Override
    public void settingsChanged() {
        wakeVersion++;
    }

    @Override
    public JobProgress progress() {
        return progress.current();
    }

    private BatchState state() {
        String status = cancelRequested ? CANCELLED : paused ? PAUSED : SENDING;
        return new BatchState(status, snapshot());
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new LinkedHashMap<>(counts);
        long settled = counts.values().stream().mapToLong(Long::longValue).sum();
        snapshot.put("pending", Math.max(0, total - settled));
        return snapshot;
    }

    private void add(String key, long delta) {
        counts.merge(key, delta, Long::sum);
    }

    private void report() {
        report(null);
    }

    /** Reports the counts and, while the batch waits, {@code waiting {reason, until}} (until: null when open-ended). */
    private void report(Long waitingUntilMillis) {
        long sent = counts.get("sent");
        String text = sent + "/" + total + " sent" + (waitingFor == null ? "" : ", waiting: " + waitingFor);
        progress.report(cancelRequested ? CANCELLED : paused ? PAUSED : SENDING, text, sent, total, snapshot());
        if (waitingFor != null) {
            progress.waiting(waitingFor, waitingUntilMillis == null ? null : Instant.ofEpochMilli(waitingUntilMillis));
        }
    }
}
