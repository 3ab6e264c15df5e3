package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.kinflow.common.TaskQueues;
import dev.kinflow.duplicates.AutoMergeActivities;
import dev.kinflow.duplicates.AutoMergeRequest;
import dev.kinflow.duplicates.AutoMergeResult;
import dev.kinflow.common.JobProgress;
import dev.kinflow.jobs.JobActivities;
import dev.kinflow.jobs.JobError;
import dev.kinflow.jobs.JobOutcome;
import dev.kinflow.jobs.JobStatus;
import dev.kinflow.testing.Histories;
import dev.kinflow.testing.WorkflowTestEnv;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ContactImportWorkflowTest {

    private TestWorkflowEnvironment env;
    private ImportDataActivities data;
    private AutoMergeActivities merger;
    private JobActivities jobs;
    private ScriptedMonica monica;
    private volatile int historyBudget = ContactImportWorkflowImpl.HISTORY_BUDGET;

    /** A Monica side that answers from a script and records when each request arrived (test server time). */
    static final class ScriptedMonica implements MonicaImportActivities {
        final List<Long> times = Collections.synchronizedList(new ArrayList<>());
        final List<String> targets = Collections.synchronizedList(new ArrayList<>());
        final Deque<MonicaCall> faults = new ArrayDeque<>();
        final TestWorkflowEnvironment env;
        final int lastPage;
        /** Latency of even listing pages, so that pages in flight complete out of order (not a synchronisation). */
        volatile long evenPageMillis;
        /** {@code meta.last_page} of the account-wide extra-data listings. */
        volatile int extraLastPage = 2;

        ScriptedMonica(TestWorkflowEnvironment env, int lastPage) {
            this.env = env;
            this.lastPage = lastPage;
        }

        @Override
        public MonicaFetched fetch(MonicaFetch request) {
            times.add(env.currentTimeMillis());
            targets.add(request.target().pathName() + ":" + request.page());
            boolean listing = request.target() == MonicaTarget.CONTACTS
                    || (request.target().extraData() && request.contactId() == 0);
            if (evenPageMillis > 0 && listing && request.page() % 2 == 0) {
                try {
                    Thread.sleep(evenPageMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            MonicaCall fault;
            synchronized (faults) {
                fault = faults.pollFirst();
            }
            if (fault != null) {
                return MonicaFetched.failed(fault);
            }
            return switch (request.target()) {
                case CONTACTS, TOTAL -> new MonicaFetched(MonicaCall.ok(), lastPage, lastPage * 100L, 100, 100,
                        null);
                case PHOTOS -> new MonicaFetched(MonicaCall.ok(), 2, 150, 100, 90, null);
                case CONTACT -> new MonicaFetched(MonicaCall.ok(), 0, 0, 1, 1, "full");
                case NOTES, ACTIVITIES, REMINDERS, TASKS -> request.contactId() == 0
                        ? new MonicaFetched(MonicaCall.ok(), extraLastPage, extraLastPage * 100L, 100, 100, null)
                        : new MonicaFetched(MonicaCall.ok(), 2, 120, 100, 100, null);
                default -> new MonicaFetched(MonicaCall.ok(), 2, 120, 100, 100, null);
            };
        }

        /**
         * The credential's budget as the ledger keeps it (in memory here, on the test server's clock): every slot has
         * an upper bound of its arrival (reserved: slot + 70 s, in flight: unbounded, completed: its completion); a
         * new slot is at least 60 s after the {@code limit}-th largest bound and never before a 429's block; an
         * attempt whose slot has not come gets a wait and sends nothing.
         */
        final Map<String, long[]> slots = new HashMap<>();
        final List<long[]> arrivalBounds = new ArrayList<>();
        long blockedUntil;

        @Override
        public BudgetedFetched fetchWithinBudget(BudgetedFetch attempt) {
            long[] slot;
            synchronized (slots) {
                long now = env.currentTimeMillis();
                slot = slots.get(attempt.slotKey());
                if (slot != null && slot[0] < blockedUntil) {
                    arrivalBounds.remove(slot);
                    slot = null;
                }
                if (slot == null) {
                    List<Long> latest = arrivalBounds.stream().map(b -> b[1]).sorted(Collections.reverseOrder())
                            .toList();
                    long afterWindow = latest.size() >= attempt.requestsPerMinute()
                            ? latest.get(attempt.requestsPerMinute() - 1) + 60_000 : now;
                    long slotAt = Math.max(Math.max(now, blockedUntil), afterWindow);
                    slot = new long[]{slotAt, slotAt + 70_000};
                    slots.put(attempt.slotKey(), slot);
                    arrivalBounds.add(slot);
                }
                if (slot[0] > now) {
                    return BudgetedFetched.waiting(new BudgetWait(slot[0] == blockedUntil
                            ? BudgetWait.Reason.RETRY_AFTER : BudgetWait.Reason.BUDGET, slot[0] - now));
                }
                slots.remove(attempt.slotKey());
                slot[1] = Long.MAX_VALUE / 2;
            }
            MonicaFetched fetched = fetch(attempt.fetch());
            synchronized (slots) {
                slot[1] = env.currentTimeMillis();
                if (fetched.call().outcome() == MonicaCall.Outcome.RATE_LIMITED) {
                    blockedUntil = Math.max(blockedUntil, slot[1] + fetched.call().retryAfterSeconds() * 1000L);
                }
            }
            return BudgetedFetched.sent(fetched);
        }

        int maxInAnyMinute() {
            List<Long> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            int max = 0;
            for (int start = 0, end = 0; end < sorted.size(); end++) {
                while (sorted.get(end) - sorted.get(start) >= 60_000) {
                    start++;
                }
                max = Math.max(max, end - start + 1);
            }
            return max;
        }
    }

    @BeforeEach
    void setUp() {
        env = WorkflowTestEnv.create();
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationFactory(ContactImportWorkflow.class,
                () -> new ContactImportWorkflowImpl(historyBudget));
        worker.registerWorkflowImplementationTypes(PhotoImportWorkflowImpl.class);
        data = mock(ImportDataActivities.class, withSettings().withoutAnnotations());
        merger = mock(AutoMergeActivities.class, withSettings().withoutAnnotations());
        jobs = mock(JobActivities.class, withSettings().withoutAnnotations());
        worker.registerActivitiesImplementations(data, merger, jobs);
        monica = new ScriptedMonica(env, 30);
        env.newWorker(TaskQueues.MONICA).registerActivitiesImplementations(monica);
        when(data.coverage(any())).thenReturn(new CoverageRange(3000, 1, 3100));
        when(data.unseenIds(any())).thenReturn(new IdBatch(List.of(), List.of()));
        when(data.unresolvedReferences(any())).thenReturn(new IdBatch(List.of(), List.of()));
        when(data.extraDataWork(any())).thenReturn(new IdBatch(List.of(7L), List.of("notes,tasks")),
                new IdBatch(List.of(), List.of()));
        when(data.extraDataShortfall(any())).thenReturn(new IdBatch(List.of(7L), List.of("notes")),
                new IdBatch(List.of(), List.of()));
        when(data.extraDataCheck(any())).thenReturn(new ExtraDataCheck(790, 10, 0));
        when(data.totals(any())).thenReturn(new ImportTotals(2990, 5, 5, 0, 0, 3, 140, 8, 2, 12));
        when(data.startDuplicateScan(any())).thenReturn("duplicate-scan-acc");
        when(merger.autoMergeImported(any())).thenReturn(new AutoMergeResult(4, 5));
        env.start();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private ContactImportWorkflow stub(String importId) {
        return env.getWorkflowClient().newWorkflowStub(ContactImportWorkflow.class,
                WorkflowTestEnv.jobOptions(ContactImportWorkflow.workflowId(importId), "acc", ContactImportWorkflow.KIND));
    }

    private static ImportRequest request(String importId, ImportOptions options) {
        return new ImportRequest("acc", "job-" + importId, importId, "cred-" + importId, "https://monica.example",
                options, null);
    }

    @Test
    void pacesEveryRequestIncludingRetriesAndRunsEveryPhase() {
        synchronized (monica.faults) {
            monica.faults.add(new MonicaCall(MonicaCall.Outcome.RATE_LIMITED, 429, 30, "HTTP 429"));
            monica.faults.add(new MonicaCall(MonicaCall.Outcome.TRANSIENT, 502, 0, "HTTP 502"));
            monica.faults.add(new MonicaCall(MonicaCall.Outcome.TRANSIENT, 200, 0, "truncated or invalid body"));
        }
        ImportOptions options = new ImportOptions(true, true, true, "FR", 10);

        ImportResult result = stub("imp-1").importContacts(request("imp-1", options));

        // 30 pages + 1 total + 4 account-wide listings of 2 pages + 2 pages of one contact's notes (its statistics
        // count more than the listings brought) + 2 photo pages + 3 faulted attempts
        assertThat(monica.times).hasSize(46);
        assertThat(monica.maxInAnyMinute()).isLessThanOrEqualTo(10);
        assertThat(result.requests().total()).isEqualTo(46);
        assertThat(monica.targets).containsSubsequence("notes:1", "notes:2", "activities:1", "activities:2",
                "reminders:1", "reminders:2", "tasks:1", "tasks:2", "notes:1", "notes:2", "photos:1");
        assertThat(result.extraData()).isEqualTo(new ImportResult.ExtraData(790, 10, 1, 0));
        verify(data, never()).extraDataWork(any());
        assertThat(result.requests().rateLimited()).isEqualTo(1);
        assertThat(result.requests().retried()).isEqualTo(2);
        assertThat(result.requests().waitedSeconds()).as("40 requests at 10/min wait at least 3 windows")
                .isGreaterThanOrEqualTo(180);
        assertThat(result.contacts().created()).isEqualTo(2990);
        assertThat(result.autoMerged()).isEqualTo(new ImportResult.Merged(4, 5));
        assertThat(result.photos()).isEqualTo(new ImportResult.Photos("completed", 150, 140, 8, 2));
        assertThat(result.coverageBackfill().gapDetected()).isFalse();
        verify(merger).autoMergeImported(new AutoMergeRequest("acc", "job-imp-1"));
        verify(data).deleteCredential(new ImportJobRef("acc", "job-imp-1", "monica:https://monica.example",
                "cred-imp-1"));
        verify(data).resolveReferences(any());
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcome.getValue().summary()).containsKeys("contacts", "coverageBackfill", "photos",
                "autoMerged");
        assertThat(env.getWorkflowClient().newWorkflowStub(ContactImportWorkflow.class,
                ContactImportWorkflow.workflowId("imp-1")).progress().phase()).isEqualTo("done");

        Histories.record(env.getWorkflowClient(), ContactImportWorkflow.workflowId("imp-1"), "contact-import");
        Histories.record(env.getWorkflowClient(), PhotoImportWorkflow.workflowId("imp-1"), "photo-import");
    }

    @Test
    void optionsOffSkipAutoMergeExtraDataAndPhotos() {
        ImportResult result = stub("imp-2").importContacts(request("imp-2",
                new ImportOptions(false, false, false, null, 55)));

        assertThat(monica.targets).allMatch(t -> t.startsWith("contacts:") || t.startsWith("total:"));
        assertThat(result.autoMerged()).isNull();
        assertThat(result.photos().status()).isEqualTo("skipped");
        verify(merger, never()).autoMergeImported(any());
        verify(data, never()).extraDataWork(any());
        verify(data, never()).extraDataShortfall(any());
        assertThat(result.extraData()).isNull();
    }

    @Test
    void aListingThatContinuesAsNewWithPagesInFlightFetchesEveryPageExactlyOnce() throws Exception {
        historyBudget = 40;
        monica.evenPageMillis = 300;

        WorkflowClient.start(stub("imp-can")::importContacts, request("imp-can",
                new ImportOptions(false, false, false, null, 600)));
        ImportResult result = env.getWorkflowClient()
                .newUntypedWorkflowStub(ContactImportWorkflow.workflowId("imp-can"))
                .getResult(60, TimeUnit.SECONDS, ImportResult.class);

        List<List<Integer>> runs = completedListingPagesPerRun(ContactImportWorkflow.workflowId("imp-can"));
        assertThat(runs).as("runs of the import").hasSizeGreaterThan(2);
        assertThat(runs.stream().flatMap(List::stream).toList()).as("pages whose result a run received")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());
        assertThat(result.requests().total()).isEqualTo(31);
    }

    @Test
    void extraDataListingsThatContinueAsNewWithPagesInFlightFetchEveryPageExactlyOnce() throws Exception {
        historyBudget = 40;
        monica.evenPageMillis = 200;
        monica.extraLastPage = 9;

        WorkflowClient.start(stub("imp-extra")::importContacts, request("imp-extra",
                new ImportOptions(false, false, true, null, 600)));
        ImportResult result = env.getWorkflowClient()
                .newUntypedWorkflowStub(ContactImportWorkflow.workflowId("imp-extra"))
                .getResult(60, TimeUnit.SECONDS, ImportResult.class);

        java.util.Set<Integer> runsReadingExtraData = new java.util.HashSet<>();
        for (String kind : List.of("notes", "activities", "reminders", "tasks")) {
            List<List<Integer>> runs = completedPagesPerRun(ContactImportWorkflow.workflowId("imp-extra"), kind);
            IntStream.range(0, runs.size()).filter(i -> !runs.get(i).isEmpty()).forEach(runsReadingExtraData::add);
            assertThat(runs.stream().flatMap(List::stream).toList()).as("%s pages whose result a run received", kind)
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 9).boxed().toList());
        }
        assertThat(runsReadingExtraData).as("runs that read extra-data listing pages").hasSizeGreaterThan(2);
        // 30 contact pages + 1 total + 4 x 9 listing pages + 2 pages of contact 7's notes
        assertThat(result.requests().total()).isEqualTo(69);
        assertThat(result.extraData()).isEqualTo(new ImportResult.ExtraData(790, 10, 1, 0));
    }

    @Test
    void aGapIsBackfilledByIdAndReported() {
        when(data.coverage(any())).thenReturn(new CoverageRange(2997, 1, 3100));
        when(data.unseenIds(any())).thenReturn(new IdBatch(List.of(50L, 51L, 52L, 53L), List.of()),
                new IdBatch(List.of(), List.of()));
        ImportResult result = stub("imp-3").importContacts(request("imp-3",
                new ImportOptions(false, false, false, null, 55)));

        assertThat(result.coverageBackfill().gapDetected()).isTrue();
        assertThat(result.coverageBackfill().importedFull()).isEqualTo(4);
        assertThat(result.coverageBackfill().rangeScanned()).isEqualTo(4);
        assertThat(result.coverageBackfill().unresolvedGap()).isZero();
        // the newest listing page instead of 20 probes above the range, then the 4 unseen ids only
        assertThat(monica.targets).containsOnlyOnce("newest_contacts:1");
        assertThat(result.requests().total()).isEqualTo(30 + 1 + 1 + 4);
    }

    @Test
    void aRejectedTokenFailsTheJobAndDeletesTheCredential() {
        synchronized (monica.faults) {
            monica.faults.add(new MonicaCall(MonicaCall.Outcome.UNAUTHORIZED, 401, 0, "HTTP 401"));
        }

        assertThatThrownBy(() -> stub("imp-4").importContacts(request("imp-4",
                new ImportOptions(false, false, false, null, 55)))).isInstanceOf(WorkflowFailedException.class);

        verify(data).deleteCredential(any());
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void aRejectedTokenIsAReadableErrorNamingTheStep() {
        synchronized (monica.faults) {
            monica.faults.add(new MonicaCall(MonicaCall.Outcome.UNAUTHORIZED, 401, 0, "HTTP 401"));
        }

        assertThatThrownBy(() -> stub("imp-41").importContacts(request("imp-41",
                new ImportOptions(false, false, false, null, 55)))).isInstanceOf(WorkflowFailedException.class);

        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        JobError error = outcome.getValue().failure();
        assertThat(error.type()).isEqualTo("MonicaTokenRejected");
        assertThat(error.message()).isEqualTo("Monica rejected the API token (HTTP 401)");
        assertThat(error.step()).isEqualTo("listing page 1");
        assertThat(error.attempts()).isEqualTo(1);
        assertThat(error.at()).isNotNull();
    }

    @Test
    void aTokenTheWorkerCannotReadEndsTheJobAtOnceWithItsReason() {
        synchronized (monica.faults) {
            monica.faults.add(new MonicaCall(MonicaCall.Outcome.REJECTED, 0, 0, "the stored token cannot be decrypted",
                    MonicaProblem.CREDENTIAL_UNREADABLE));
        }

        assertThatThrownBy(() -> stub("imp-43").importContacts(request("imp-43",
                new ImportOptions(false, false, false, null, 55)))).isInstanceOf(WorkflowFailedException.class);

        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().failure().type()).isEqualTo("CredentialUnreadable");
        assertThat(outcome.getValue().failure().attempts()).isEqualTo(1);
        assertThat(monica.times).hasSize(1);
    }

    @Test
    void aStepThatNeverSucceedsEndsTheJobAfterBoundedAttemptsWithoutQuotingItsMessage() {
        when(data.totals(any())).thenThrow(new IllegalStateException("poison record: contact Ada Byron"));

        assertThatThrownBy(() -> stub("imp-44").importContacts(request("imp-44",
                new ImportOptions(false, false, false, null, 55)))).isInstanceOf(WorkflowFailedException.class);

        verify(data, times(ContactImportWorkflowImpl.DATA_ATTEMPTS)).totals(any());
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        JobError error = outcome.getValue().failure();
        assertThat(error.type()).isEqualTo("IllegalStateException");
        assertThat(error.message()).isEqualTo("unexpected IllegalStateException (details in the worker log)");
        assertThat(error.step()).isEqualTo("activity Totals during finishing");
        assertThat(error.toString()).doesNotContain("Ada");
    }

    @Test
    void anUnreachableMonicaShowsWaitingWithTheRetryAndEndsWithAReadableError() {
        synchronized (monica.faults) {
            for (int i = 0; i < ContactImportWorkflowImpl.PAGE_ATTEMPTS; i++) {
                monica.faults.add(MonicaCall.transientFailure(MonicaProblem.UNREACHABLE, 0,
                        "connection refused (127.0.0.1:1)"));
            }
        }
        ContactImportWorkflow workflow = stub("imp-42");
        WorkflowClient.start(workflow::importContacts, request("imp-42",
                new ImportOptions(false, false, false, null, 55)));
        env.sleep(Duration.ofSeconds(5));

        JobProgress waiting = WorkflowStub.fromTyped(workflow).query("progress", JobProgress.class);
        assertThat(waiting.phase()).isEqualTo("listing");
        assertThat(waiting.waiting()).isNotNull();
        assertThat(waiting.waiting().reason()).startsWith("Monica unreachable (connection refused (127.0.0.1:1)), retry ")
                .contains(" of 10 at ").endsWith("UTC (listing page 1)");
        assertThat(waiting.waiting().until().toEpochMilli()).isGreaterThan(env.currentTimeMillis());

        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ImportResult.class))
                .isInstanceOf(WorkflowFailedException.class);
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        JobError error = outcome.getValue().failure();
        assertThat(error.type()).isEqualTo("MonicaUnreachable");
        assertThat(error.message()).isEqualTo("Monica unreachable (connection refused (127.0.0.1:1))");
        assertThat(error.step()).isEqualTo("listing page 1");
        assertThat(error.attempts()).isEqualTo(10);
        assertThat(monica.times).hasSize(10);
        verify(data).deleteCredential(any());
    }

    @Test
    void cancellingMarksTheJobCancelledAndDeletesTheCredential() {
        ContactImportWorkflow workflow = stub("imp-5");
        WorkflowClient.start(workflow::importContacts, request("imp-5",
                new ImportOptions(false, false, false, null, 1)));
        env.sleep(Duration.ofSeconds(90));
        WorkflowStub.fromTyped(workflow).cancel();

        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ImportResult.class))
                .isInstanceOf(WorkflowFailedException.class);
        assertThat(monica.times.size()).isLessThanOrEqualTo(3);
        verify(data, atLeastOnce()).deleteCredential(any());
        ArgumentCaptor<JobOutcome> outcome = ArgumentCaptor.forClass(JobOutcome.class);
        verify(jobs).finish(outcome.capture());
        assertThat(outcome.getValue().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(outcome.getValue().summary()).isEqualTo(Map.of());
    }

    private List<List<Integer>> completedListingPagesPerRun(String workflowId) {
        return completedPagesPerRun(workflowId, "contacts");
    }

    /** For each run of the workflow (last first): the pages of a listing whose activity result the run recorded. */
    private List<List<Integer>> completedPagesPerRun(String workflowId, String target) {
        Pattern listingPage = Pattern.compile("\"target\":\"" + target + "\",\"contactId\":0,\"page\":(\\d+)");
        List<List<Integer>> runs = new ArrayList<>();
        String runId = "";
        do {
            List<HistoryEvent> events = env.getWorkflowClient().fetchHistory(workflowId, runId).getHistory()
                    .getEventsList();
            Map<Long, Integer> pageOfActivity = new HashMap<>();
            List<Integer> completed = new ArrayList<>();
            for (HistoryEvent event : events) {
                if (event.hasActivityTaskScheduledEventAttributes()) {
                    Matcher page = listingPage.matcher(event.getActivityTaskScheduledEventAttributes().getInput()
                            .getPayloads(0).getData().toStringUtf8());
                    if (page.find()) {
                        pageOfActivity.put(event.getEventId(), Integer.parseInt(page.group(1)));
                    }
                } else if (event.hasActivityTaskCompletedEventAttributes()) {
                    Integer page = pageOfActivity.get(event.getActivityTaskCompletedEventAttributes()
                            .getScheduledEventId());
                    if (page != null) {
                        completed.add(page);
                    }
                }
            }
            runs.add(completed);
            runId = events.getFirst().getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
        } while (!runId.isEmpty());
        return runs;
    }
}
