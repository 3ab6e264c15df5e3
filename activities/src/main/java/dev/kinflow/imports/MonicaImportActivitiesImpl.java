package dev.kinflow.imports;

import dev.kinflow.common.TaskQueues;
import dev.kinflow.imports.MonicaCall.Outcome;
import io.temporal.spring.boot.ActivityImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

@Component
@ActivityImpl(taskQueues = TaskQueues.MONICA)
public class MonicaImportActivitiesImpl implements MonicaImportActivities {

    static final int PAGE_SIZE = 100;

    private final MonicaClient client;
    private final CredentialStore credentials;
    private final ImportWriter writer;
    private final ExtraItemWriter items;
    private final PhotoWriter photos;
    private final MonicaBudget budget;

    public MonicaImportActivitiesImpl(MonicaClient client, CredentialStore credentials, ImportWriter writer,
                                      ExtraItemWriter items, PhotoWriter photos, MonicaBudget budget) {
        this.client = client;
        this.credentials = credentials;
        this.writer = writer;
        this.items = items;
        this.photos = photos;
        this.budget = budget;
    }

    @Override
    public MonicaFetched fetch(MonicaFetch request) {
        UUID account = UUID.fromString(request.accountId());
        Optional<String> token;
        try {
            token = credentials.load(account, UUID.fromString(request.credentialId()));
        } catch (IllegalStateException undecryptable) {
            return credentialUndecryptable();
        }
        if (token.isEmpty()) {
            return credentialDeleted();
        }
        return handle(request, account, client.get(request.baseUrl(), token.get(), path(request)));
    }

    @Override
    public BudgetedFetched fetchWithinBudget(BudgetedFetch attempt) {
        MonicaFetch request = attempt.fetch();
        UUID account = UUID.fromString(request.accountId());
        Optional<String> token;
        try {
            token = credentials.load(account, UUID.fromString(request.credentialId()));
        } catch (IllegalStateException undecryptable) {
            return BudgetedFetched.sent(credentialUndecryptable());
        }
        if (token.isEmpty()) {
            return BudgetedFetched.sent(credentialDeleted());
        }
        String budgetKey = MonicaBudgetKey.of(credentials, request.baseUrl(), token.get());
        MonicaBudget.Decision decision = budget.take(budgetKey, attempt.slotKey(), attempt.requestsPerMinute());
        if (decision instanceof MonicaBudget.Decision.Wait(BudgetWait wait)) {
            return BudgetedFetched.waiting(wait);
        }
        long slot = ((MonicaBudget.Decision.Send) decision).slotId();
        MonicaClient.Response response = null;
        try {
            response = client.get(request.baseUrl(), token.get(), path(request));
        } finally {
            boolean limited = response != null && response.call().outcome() == Outcome.RATE_LIMITED;
            budget.complete(slot, limited ? Math.max(1, response.call().retryAfterSeconds()) : 0);
        }
        return BudgetedFetched.sent(handle(request, account, response));
    }

    private static MonicaFetched credentialDeleted() {
        return MonicaFetched.failed(new MonicaCall(Outcome.REJECTED, 0, 0, "the stored token was deleted",
                MonicaProblem.CREDENTIAL_UNREADABLE));
    }

    private static MonicaFetched credentialUndecryptable() {
        return MonicaFetched.failed(new MonicaCall(Outcome.REJECTED, 0, 0, "the stored token cannot be decrypted"
                + " with this worker's key (set KINFLOW_CREDENTIALS_KEY identically on every process)",
                MonicaProblem.CREDENTIAL_UNREADABLE));
    }

    private MonicaFetched handle(MonicaFetch request, UUID account, MonicaClient.Response response) {
        UUID job = UUID.fromString(request.jobId());
        String source = "monica:" + request.baseUrl();
        if (response.call().outcome() == Outcome.NOT_FOUND && request.target() == MonicaTarget.CONTACT) {
            writer.recordSkipped(account, job, request.via(), request.contactId(), "deleted");
        }
        if (response.call().outcome() != Outcome.OK) {
            return MonicaFetched.failed(response.call());
        }
        JsonNode body = response.body();
        JsonNode meta = body.path("meta");
        int lastPage = meta.path("last_page").asInt(0);
        long total = meta.path("total").asLong(0);
        return switch (request.target()) {
            case TOTAL -> new MonicaFetched(MonicaCall.ok(), lastPage, total, 0, 0, null);
            case CONTACTS, NEWEST_CONTACTS -> {
                JsonNode data = body.path("data");
                if (data.isEmpty() && total > 0 && request.page() <= lastPage) {
                    yield MonicaFetched.failed(MonicaCall.transientFailure(MonicaProblem.SERVER_ERROR, 200,
                            "empty page within the listing"));
                }
                List<ImportedContact> contacts = new ArrayList<>(data.size());
                for (JsonNode c : data) {
                    contacts.add(ImportedContact.from(c, request.defaultRegion()));
                }
                int written = writer.writeContacts(account, job, source, request.via(), contacts).written();
                yield new MonicaFetched(MonicaCall.ok(), lastPage, total, data.size(), written, null);
            }
            case CONTACT -> contact(request, account, job, source, body.path("data"));
            case PHOTOS -> {
                int written = 0;
                for (JsonNode photo : body.path("data")) {
                    written += photos.write(account, job, source, photo);
                }
                yield new MonicaFetched(MonicaCall.ok(), lastPage, total, body.path("data").size(), written, null);
            }
            case NOTES, ACTIVITIES, REMINDERS, TASKS -> extraData(request, account, job, source, body.path("data"),
                    lastPage, total);
        };
    }

    /** A contact's list ({@code contactId > 0}) or a page of an account-wide listing of notes, activities, … */
    private MonicaFetched extraData(MonicaFetch request, UUID account, UUID job, String source, JsonNode data,
                                    int lastPage, long total) {
        MonicaTarget kind = request.target();
        if (data.isEmpty() && total > 0 && request.page() <= lastPage) {
            return MonicaFetched.failed(new MonicaCall(Outcome.TRANSIENT, 200, 0, "empty page"));
        }
        ExtraItemWriter.Written written;
        if (request.contactId() > 0) {
            List<Map<String, Object>> rows = new ArrayList<>(data.size());
            for (JsonNode item : data) {
                rows.add(ExtraItems.map(kind, item));
            }
            written = items.writeForContact(account, job, source, kind, request.contactId(), rows);
        } else {
            List<ExtraItemWriter.Item> listed = new ArrayList<>(data.size());
            for (JsonNode item : data) {
                listed.add(new ExtraItemWriter.Item(ExtraItems.map(kind, item), ExtraItems.contacts(kind, item)));
            }
            written = items.writeListed(account, job, source, kind, listed);
        }
        return new MonicaFetched(MonicaCall.ok(), lastPage, total, data.size(), written.written(), null);
    }

    private MonicaFetched contact(MonicaFetch request, UUID account, UUID job, String source, JsonNode data) {
        ImportedContact contact = ImportedContact.from(data, request.defaultRegion());
        if (!contact.partial() && !contact.active()) {
            writer.recordSkipped(account, job, request.via(), request.contactId(), "inactive");
            return new MonicaFetched(MonicaCall.ok(), 0, 0, 1, 0, "inactive");
        }
        int written = writer.writeContacts(account, job, source, request.via(), List.of(contact)).written();
        return new MonicaFetched(MonicaCall.ok(), 0, 0, 1, written, contact.partial() ? "partial" : "full");
    }

    static String path(MonicaFetch request) {
        return switch (request.target()) {
            case CONTACTS -> "/api/contacts?limit=" + PAGE_SIZE + "&page=" + request.page() + "&with=contactfields";
            case NEWEST_CONTACTS -> "/api/contacts?limit=" + PAGE_SIZE + "&page=1&sort=-created_at&with=contactfields";
            case TOTAL -> "/api/contacts?limit=1&page=1";
            case CONTACT -> "/api/contacts/" + request.contactId() + "?with=contactfields";
            case PHOTOS -> "/api/photos?limit=" + PAGE_SIZE + "&page=" + request.page();
            case NOTES, ACTIVITIES, REMINDERS, TASKS -> (request.contactId() > 0
                    ? "/api/contacts/" + request.contactId() + "/" : "/api/") + request.target().pathName()
                    + "?limit=" + PAGE_SIZE + "&page=" + request.page();
        };
    }
}
