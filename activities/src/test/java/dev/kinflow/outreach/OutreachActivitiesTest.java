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
import java.time.Instant;
import java.util.List;
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
    long t0 = Instant.parse("2026-05-04T10:00:00Z").toEpochMilli();

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
    void dispatchReservesOneSlotPerItemAndRepeatingItSendsNothingTwice() {
        long batchId = batch(contact("Ann", "A", "+33600000001"), contact("Bob", "B", "+33600000002"));
        List<Long> items = pending(batchId);

        assertThat(dispatch(batchId, items.get(0), t0).result()).isEqualTo(DispatchResult.ENQUEUED);
        DispatchOutcome again = dispatch(batchId, items.get(0), t0 + 5_000);
        assertThat(again.result()).isEqualTo(DispatchResult.ENQUEUED);
        assertThat(again.ackTimeoutMinutes()).isEqualTo(30);
        assertThat(ledgerRows()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM send_queue WHERE item_id = ?").param(items.get(0))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(pending(batchId)).containsExactly(items.get(1));

        DispatchOutcome wait = dispatch(batchId, items.get(1), t0 + 5_000);
        assertThat(wait.result()).isEqualTo(DispatchResult.WAIT);
        assertThat(wait.reason()).isEqualTo("min_gap");
        assertThat(wait.notBeforeMillis()).isEqualTo(t0 + 20_000);
        OutreachBatch view = batches.find(account, batchId).orElseThrow();
        assertThat(view.waitingFor()).isEqualTo("minimum gap (20 s) until 12:00:20 Europe/Paris");
        assertThat(view.nextSendAt()).isEqualTo(Instant.ofEpochMilli(t0 + 20_000));

        DispatchOutcome second = dispatch(batchId, items.get(1), t0 + 20_000);
        assertThat(second.result()).isEqualTo(DispatchResult.ENQUEUED);
        // the answer already says when a third send could go: two in the last minute, limit 2
        assertThat(second.notBeforeMillis()).isEqualTo(t0 + 60_000);
        assertThat(batches.find(account, batchId).orElseThrow().waitingFor())
                .isEqualTo("per-minute limit (2) until 12:01:00 Europe/Paris");
    }

    @Test
    void twoBatchesOfOneAccountShareOneBudget() {
        long first = batch(contact("Ann", "A", "+33600000001"));
        long second = batch(contact("Bob", "B", "+33600000002"));
        assertThat(dispatch(first, pending(first).getFirst(), t0).result()).isEqualTo(DispatchResult.ENQUEUED);
        DispatchOutcome other = dispatch(second, pending(second).getFirst(), t0 + 1_000);
        assertThat(other.result()).isEqualTo(DispatchResult.WAIT);
        assertThat(other.notBeforeMillis()).isEqualTo(t0 + 20_000);
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
        dispatch(batchId, items.get(0), t0);
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
        dispatch(batchId, pending(batchId).getFirst(), t0);
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
        dispatch(batchId, items.get(0), t0);
        dispatch(batchId, items.get(1), t0 + 20_000);
        batches.claim(device, 1);
        dispatch(batchId, items.get(2), t0 + 40_000 + 20_000);

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
        assertThat(dispatch(batchId, items.get(3), t0 + 3_600_000).result()).isEqualTo(DispatchResult.NOT_PENDING);
    }
}
