package dev.kinflow.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinflow.accounts.AccountBootstrapActivitiesImpl;
import dev.kinflow.accounts.ProvisionRequest;
import dev.kinflow.contacts.ContactDraft;
import dev.kinflow.contacts.ContactRepository;
import dev.kinflow.conversations.ConversationKeys;
import dev.kinflow.outreach.BatchPlanner.PlannedItem;
import dev.kinflow.outreach.BatchPlanner.Recipients;
import dev.kinflow.outreach.OutreachActivities.BatchRef;
import dev.kinflow.outreach.OutreachActivities.DispatchOutcome;
import dev.kinflow.outreach.OutreachActivities.DispatchRequest;
import dev.kinflow.outreach.OutreachActivities.DispatchResult;
import dev.kinflow.outreach.OutreachActivities.ItemPageRequest;
import dev.kinflow.outreach.OutreachActivities.ItemRef;
import dev.kinflow.outreach.OutreachBatchRepository.ResultOutcome;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

class OutreachActivitiesTest {

    static JdbcClient jdbc;
    static OutreachActivitiesImpl activities;
    static OutreachBatchRepository batches;
    static OutreachSettingsRepository settings;
    static BatchPlanner planner;
    static ContactRepository contacts;
    static DeviceRepository devices;

    UUID account;
    Device device;

    @BeforeAll
    static void database() {
        DataSource ds = TestDatabase.fresh().dataSource();
        jdbc = Jdbc.client(ds);
        batches = new OutreachBatchRepository(jdbc, Jdbc.JSON);
        settings = new OutreachSettingsRepository(jdbc);
        activities = new OutreachActivitiesImpl(batches, settings, new JdbcTransactionManager(ds));
        planner = new BatchPlanner(jdbc);
        contacts = new ContactRepository(jdbc, Jdbc.JSON);
        devices = new DeviceRepository(jdbc);
    }

    @BeforeEach
    void account() {
        account = Jdbc.newAccount(jdbc, "Outreach", "FR");
        new AccountBootstrapActivitiesImpl(jdbc).ensureOutreachSettings(new ProvisionRequest(account.toString()));
        settings.save(account, new OutreachSettings(false, 2, 60, 300, 20, null, null, "Europe/Paris", 30));
        device = devices.create(account, "phone").device();
    }

    long contact(String first, String company, String phone) {
        ContactDraft draft = new ContactDraft(first, "Martin", null, company, null, null, List.of(),
                phone == null ? List.of() : List.of(new ContactDraft.FieldDraft(phone, "mobile")), List.of(), List.of());
        return contacts.insertAll(account, "FR", List.of(draft), "user").getFirst();
    }

    long batch(long... contactIds) {
        List<PlannedItem> plan = planner.plan(account, "Hi {{firstName}} from {{company}}, {{sig}}",
                new Recipients(java.util.Arrays.stream(contactIds).boxed().toList(), null, null), Map.of("sig", "Zoé"));
        return batches.create(account, device.id(), "t", plan);
    }

    List<Long> pending(long batchId) {
        return activities.nextItems(new ItemPageRequest(account.toString(), batchId, 0, 100)).itemIds();
    }

    DispatchOutcome dispatch(long batchId, long itemId, long now) {
        return activities.dispatch(new DispatchRequest(account.toString(), batchId, itemId, now));
    }

    /** The time the caller (the workflow) passes: only used to express "not before" answers on its clock. */
    static long callerNow() {
        return System.currentTimeMillis();
    }

    /**
     * Lets {@code elapsed} pass for the account's outreach as the database sees it: its ledger and queue times move
     * back by that much, exactly as if the database clock had advanced.
     */
    void passTime(Duration elapsed) {
        String shift = elapsed.toMillis() + " milliseconds";
        jdbc.sql("UPDATE send_ledger SET sent_at = sent_at - CAST(? AS interval) WHERE account_id = ?")
                .params(shift, account).update();
        jdbc.sql("UPDATE send_queue SET available_at = available_at - CAST(? AS interval) WHERE account_id = ?")
                .params(shift, account).update();
    }

    /** The recorded ledger time of an item (epoch millis, database clock). */
    long ledgerTime(long itemId) {
        return jdbc.sql("SELECT sent_at FROM send_ledger WHERE item_id = ?").param(itemId)
                .query((rs, n) -> rs.getTimestamp(1).getTime()).single();
    }

    long availableAt(long itemId) {
        return jdbc.sql("SELECT available_at FROM send_queue WHERE item_id = ?").param(itemId)
                .query((rs, n) -> rs.getTimestamp(1).getTime()).single();
    }

    long databaseNow() {
        return jdbc.sql("SELECT clock_timestamp()").query((rs, n) -> rs.getTimestamp(1).getTime()).single();
    }

    long ledgerRows() {
        return jdbc.sql("SELECT count(*) FROM send_ledger WHERE account_id = ?").param(account)
                .query(Long.class).single();
    }

    @Test
    void planningRendersPlainTextSkipsContactsWithoutAPhoneAndRejectsMissingValues() {
        long ann = contact("Ann & <Co>", "ACME", "06 12 34 56 78");
        long bob = contact("Bob", "Initech", null);
        List<PlannedItem> plan = planner.plan(account, "Hi {{firstName}} from {{company}}, {{sig}}",
                new Recipients(List.of(ann, bob, ann), null, null), Map.of("sig", "Zoé"));

        assertThat(plan).hasSize(2);
        assertThat(plan.get(0).body()).isEqualTo("Hi Ann & <Co> from ACME, Zoé");
        assertThat(plan.get(0).toHandle()).isEqualTo("+33612345678");
        assertThat(plan.get(1).skipReason()).isEqualTo("no_phone");

        long noCompany = contact("Cid", null, "+33611111111");
        assertThatThrownBy(() -> planner.plan(account, "Hi {{company}}", new Recipients(List.of(noCompany), null,
                null), Map.of()))
                .isInstanceOf(OutreachRequestException.class)
                .hasMessageContaining("{{company}} has no value").hasMessageContaining(String.valueOf(noCompany));
        assertThatThrownBy(() -> planner.plan(account, "Hi {{nickname}}", new Recipients(null, null, true),
                Map.of())).hasMessageContaining("unknown variable(s) {{nickname}}");
        assertThatThrownBy(() -> planner.plan(account, "{{#firstName}}x{{/firstName}}",
                new Recipients(null, null, true), Map.of())).hasMessageContaining("only {{variable}}");
        assertThatThrownBy(() -> planner.plan(account, "Hi", new Recipients(List.of(999_999L), null, null),
                Map.of())).hasMessageContaining("unknown contact id(s) 999999");
    }

    @Test
    void dispatchReservesOneSlotPerItemOnTheDatabaseClockAndRepeatingItSendsNothingTwice() {
        long batchId = batch(contact("Ann", "A", "+33600000001"), contact("Bob", "B", "+33600000002"));
        List<Long> items = pending(batchId);

        long before = databaseNow();
        assertThat(dispatch(batchId, items.get(0), callerNow()).result()).isEqualTo(DispatchResult.ENQUEUED);
        long recorded = ledgerTime(items.get(0));
        assertThat(recorded).as("decided on the database clock, delivered one lead later")
                .isBetween(before + OutreachActivitiesImpl.DELIVERY_LEAD.toMillis(),
                        databaseNow() + OutreachActivitiesImpl.DELIVERY_LEAD.toMillis());
        assertThat(availableAt(items.get(0))).as("claimable exactly when recorded").isEqualTo(recorded);
        DispatchOutcome again = dispatch(batchId, items.get(0), callerNow() + 5_000);
        assertThat(again.result()).isEqualTo(DispatchResult.ENQUEUED);
        assertThat(again.ackTimeoutMinutes()).isEqualTo(30);
        assertThat(ledgerRows()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM send_queue WHERE item_id = ?").param(items.get(0))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(pending(batchId)).containsExactly(items.get(1));

        long caller = callerNow();
        DispatchOutcome wait = dispatch(batchId, items.get(1), caller);
        assertThat(wait.result()).isEqualTo(DispatchResult.WAIT);
        assertThat(wait.reason()).isEqualTo("min_gap");
        assertThat(wait.notBeforeMillis()).as("on the caller's clock: its time plus the wait the database decided")
                .isBetween(caller + 20_000 - (databaseNow() - before) - 1_000, caller + 20_000);
        OutreachBatch view = batches.find(account, batchId).orElseThrow();
        assertThat(view.waitingFor()).startsWith("minimum gap (20 s) until ");
        assertThat(view.nextSendAt()).as("on the database clock").isEqualTo(Instant.ofEpochMilli(recorded + 20_000));

        passTime(Duration.ofSeconds(20));
        DispatchOutcome second = dispatch(batchId, items.get(1), callerNow());
        assertThat(second.result()).isEqualTo(DispatchResult.ENQUEUED);
        // the answer already says when a third send could go: two in the last minute, limit 2
        assertThat(second.reason()).isEqualTo("limit");
        assertThat(batches.find(account, batchId).orElseThrow().nextSendAt())
                .isEqualTo(Instant.ofEpochMilli(ledgerTime(items.get(0)) + 60_000));
        assertThat(batches.find(account, batchId).orElseThrow().waitingFor()).startsWith("per-minute limit (2) until ");
    }

    @Test
    void dispatchWithoutSettingsFailsTypedAndRetryableAndWritesNothingEachTime() {
        long batchId = batch(contact("Ann", "A", "+33600000001"));
        long item = pending(batchId).getFirst();
        jdbc.sql("DELETE FROM outreach_settings WHERE account_id = ?").param(account).update();

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> dispatch(batchId, item, callerNow()))
                    .isInstanceOfSatisfying(io.temporal.failure.ApplicationFailure.class, failure -> {
                        assertThat(failure.getType()).isEqualTo("OutreachSettingsMissing");
                        assertThat(failure.isNonRetryable()).isFalse();
                        assertThat(failure.getOriginalMessage())
                                .isEqualTo("the account's outreach settings are not provisioned");
                    });
        }
        assertThat(pending(batchId)).containsExactly(item);
        assertThat(jdbc.sql("SELECT count(*) FROM send_ledger WHERE account_id = ?").param(account).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aRetriedDispatchIsANoOpThatNeverMovesItsRecordedTime() {
        long batchId = batch(contact("Ann", "A", "+33600000001"));
        long item = pending(batchId).getFirst();
        dispatch(batchId, item, callerNow());
        long recorded = ledgerTime(item);

        // the same request retried late, with the workflow time it was first scheduled at, and with a newer one
        for (long caller : new long[]{callerNow() - 60_000, callerNow() + 60_000}) {
            assertThat(dispatch(batchId, item, caller).result()).isEqualTo(DispatchResult.ENQUEUED);
        }
        assertThat(ledgerTime(item)).isEqualTo(recorded);
        assertThat(availableAt(item)).isEqualTo(recorded);
        assertThat(ledgerRows()).isEqualTo(1);
        assertThat(batches.items(account, batchId, "queued", 10, 0).getFirst().queuedAt())
                .isEqualTo(Instant.ofEpochMilli(recorded));
    }

    @Test
    void aMessageIsNotHandedToTheDeviceBeforeItsRecordedInstant() {
        long batchId = batch(contact("Ann", "A", "+33600000001"));
        dispatch(batchId, pending(batchId).getFirst(), callerNow());

        assertThat(batches.claim(device, 50)).as("still in its delivery lead").isEmpty();
        passTime(OutreachActivitiesImpl.DELIVERY_LEAD);
        assertThat(batches.claim(device, 50)).hasSize(1);
    }

    @Test
    void twoConcurrentDispatchersOfOneAccountKeepTheSpacingInTheRecord() throws Exception {
        settings.save(account, new OutreachSettings(false, 100, 1000, 10000, 1, null, null, "Europe/Paris", 30));
        int perBatch = 3;
        List<Long> batchIds = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            long[] contactIds = new long[perBatch];
            for (int i = 0; i < perBatch; i++) {
                contactIds[i] = contact("P" + b + i, "Co", "+3360000" + b + "00" + i);
            }
            batchIds.add(batch(contactIds));
        }
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> dispatched = new ArrayList<>();
            for (long batchId : batchIds) {
                dispatched.add(workers.submit(() -> dispatchAllLikeTheWorkflow(batchId)));
            }
            for (Future<Integer> f : dispatched) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(perBatch);
            }
        } finally {
            workers.shutdownNow();
        }

        List<long[]> record = jdbc.sql("""
                        SELECT l.item_id, l.sent_at, q.available_at FROM send_ledger l JOIN send_queue q USING (item_id)
                        WHERE l.account_id = ? ORDER BY l.sent_at""")
                .param(account)
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getTimestamp(2).getTime(), rs.getTimestamp(3).getTime()})
                .list();
        assertThat(record).hasSize(2 * perBatch);
        assertThat(record).extracting(r -> r[0]).doesNotHaveDuplicates();
        for (int i = 0; i < record.size(); i++) {
            assertThat(record.get(i)[2]).as("claimable exactly at its ledger time").isEqualTo(record.get(i)[1]);
            if (i > 0) {
                assertThat(record.get(i)[1] - record.get(i - 1)[1]).as("gap before send %d", i)
                        .isGreaterThanOrEqualTo(1_000);
            }
        }
        for (long batchId : batchIds) {
            assertThat(pending(batchId)).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM send_queue WHERE batch_id = ?").param(batchId)
                    .query(Long.class).single()).isEqualTo(perBatch);
        }
    }

    /** Dispatches a batch's items as the workflow does: ask, and when told to wait, sleep until the answer's time. */
    private int dispatchAllLikeTheWorkflow(long batchId) throws InterruptedException {
        int enqueued = 0;
        for (long item : pending(batchId)) {
            while (true) {
                DispatchOutcome outcome = dispatch(batchId, item, callerNow());
                if (outcome.result() == DispatchResult.ENQUEUED) {
                    enqueued++;
                    break;
                }
                Thread.sleep(Math.max(1, outcome.notBeforeMillis() - callerNow()));
            }
        }
        return enqueued;
    }

    @Test
    void twoBatchesOfOneAccountShareOneBudget() {
        long first = batch(contact("Ann", "A", "+33600000001"));
        long second = batch(contact("Bob", "B", "+33600000002"));
        long firstItem = pending(first).getFirst();
        assertThat(dispatch(first, firstItem, callerNow()).result()).isEqualTo(DispatchResult.ENQUEUED);
        DispatchOutcome other = dispatch(second, pending(second).getFirst(), callerNow());
        assertThat(other.result()).isEqualTo(DispatchResult.WAIT);
        assertThat(batches.find(account, second).orElseThrow().nextSendAt())
                .isEqualTo(Instant.ofEpochMilli(ledgerTime(firstItem) + 20_000));
    }

    @Test
    void devicesSeeOnlyTheirQueueAndResultsAreIdempotentWithConflictsRefused() {
        long annId = contact("Ann", "A", "+33600000001");
        jdbc.sql("INSERT INTO conversations (account_id, contact_id, channel, handle, canonical_key, status) "
                        + "VALUES (?, ?, 'sms', ?, ?, 'closed')")
                .params(account, annId, "+33600000001", ConversationKeys.forContact(account, annId)).update();
        long open = jdbc.sql("INSERT INTO conversations (account_id, contact_id, channel, handle, canonical_key) "
                        + "VALUES (?, ?, 'sms', ?, ?) RETURNING id")
                .params(account, annId, "+33600000001", ConversationKeys.forContact(account, annId))
                .query(Long.class).single();
        long batchId = batch(annId, contact("Bob", "B", "+33600000002"));
        List<Long> items = pending(batchId);
        dispatch(batchId, items.get(0), callerNow());
        passTime(OutreachActivitiesImpl.DELIVERY_LEAD);
        Device otherDevice = devices.create(account, "other").device();

        assertThat(batches.claim(otherDevice, 50)).isEmpty();
        List<QueuedMessage> claimed = batches.claim(device, 50);
        assertThat(claimed).extracting(QueuedMessage::body).containsExactly("Hi Ann from A, Zoé");
        assertThat(batches.claim(device, 50)).isEmpty();
        long queueId = claimed.getFirst().id();

        assertThat(batches.recordResult(otherDevice, queueId, "sent", null).outcome()).isEqualTo(ResultOutcome.NOT_FOUND);
        assertThat(batches.recordResult(device, queueId, "sent", null).outcome()).isEqualTo(ResultOutcome.APPLIED);
        assertThat(batches.recordResult(device, queueId, "sent", null).outcome()).isEqualTo(ResultOutcome.SAME);
        assertThat(batches.recordResult(device, queueId, "failed", "x").outcome()).isEqualTo(ResultOutcome.CONFLICT);
        assertThat(batches.items(account, batchId, "sent", 10, 0)).extracting(OutreachBatchItem::id)
                .containsExactly(items.get(0));
        assertThat(jdbc.sql("SELECT conversation_id || ' ' || body FROM messages WHERE account_id = ? "
                        + "AND direction = 'out'").param(account)
                .query(String.class).list()).as("appended to the open conversation").containsExactly(open + " Hi Ann from A, Zoé");
    }

    @Test
    void aDeviceIsHandedNothingWhileItsAccountIsBeingReset() {
        long batchId = batch(contact("Ann", "A", "+33600000001"));
        dispatch(batchId, pending(batchId).getFirst(), callerNow());
        passTime(OutreachActivitiesImpl.DELIVERY_LEAD);
        jdbc.sql("UPDATE accounts SET status = 'resetting' WHERE id = ?").param(account).update();

        assertThat(batches.claim(device, 50)).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM send_queue WHERE batch_id = ?").param(batchId)
                .query(String.class).single()).isEqualTo("queued");

        jdbc.sql("UPDATE accounts SET status = 'active' WHERE id = ?").param(account).update();
        assertThat(batches.claim(device, 50)).hasSize(1);
    }

    @Test
    void expiryAndCancellationAreIdempotentAndLeaveClaimedItemsWaitingForTheirResult() {
        long batchId = batch(contact("A", "A", "+33600000001"), contact("B", "B", "+33600000002"),
                contact("C", "C", "+33600000003"), contact("D", "D", "+33600000004"));
        List<Long> items = pending(batchId);
        dispatch(batchId, items.get(0), callerNow());
        passTime(Duration.ofSeconds(20));
        dispatch(batchId, items.get(1), callerNow());
        passTime(Duration.ofSeconds(40));
        batches.claim(device, 1);
        dispatch(batchId, items.get(2), callerNow());

        ItemRef expired = new ItemRef(account.toString(), batchId, items.get(1));
        assertThat(activities.expireUnconfirmed(expired).status()).isEqualTo("failed");
        assertThat(activities.expireUnconfirmed(expired).status()).isEqualTo("failed");
        assertThat(batches.items(account, batchId, "failed", 10, 0).getFirst().error())
                .isEqualTo("device did not confirm");

        BatchRef ref = new BatchRef(account.toString(), batchId);
        var cancelled = activities.cancelRemaining(ref);
        assertThat(activities.cancelRemaining(ref)).isEqualTo(cancelled);
        assertThat(cancelled.cancelled()).isEqualTo(1);
        assertThat(cancelled.withdrawnItemIds()).containsExactly(items.get(2));
        OutreachBatch view = batches.find(account, batchId).orElseThrow();
        assertThat(view.status()).isEqualTo("cancelled");
        assertThat(view.counts()).containsEntry("queued", 1L).containsEntry("failed", 1L)
                .containsEntry("cancelled", 2L).containsEntry("pending", 0L);
        assertThat(dispatch(batchId, items.get(3), callerNow()).result()).isEqualTo(DispatchResult.NOT_PENDING);
    }
}
