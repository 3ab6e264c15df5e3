package dev.kinflow.imports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Monica notes, activities, reminders and tasks, keyed on their Monica id in {@code import_records} (a content
 * hash makes a repeated or unchanged item write nothing; an imported note a user edited is not overwritten), and
 * records what each import job received per Monica contact ({@code import_job_extra_items}), which the import compares
 * with the contacts' statistics. Items come either from one contact's list or from an account-wide listing, where each
 * item names its contacts ({@code contact}, or an activity's attendees): an item is written to the first of them that
 * is imported; items none of whose contacts is imported are counted and skipped. Every write holds the advisory locks
 * of the Monica contacts it touches ({@link ImportWriter#lockContacts}), so a listing page, a contact's list and a
 * zombie attempt never write one item twice.
 */
@Repository
public class ExtraItemWriter {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate tx;

    public ExtraItemWriter(JdbcClient jdbc, JsonMapper json, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
    }

    /**
     * One item as Monica gave it: its columns (with {@code sourceId} and {@code hash}, see {@link ExtraItems}) and the
     * Monica contacts it belongs to, in Monica's order.
     */
    public record Item(Map<String, Object> columns, List<Long> monicaContactIds) {

        long monicaId() {
            return Long.parseLong((String) columns.get("sourceId"));
        }
    }

    /** What a write did: items created or changed, and items skipped because none of their contacts is imported. */
    public record Written(int written, int skipped) {
    }

    /** One item received for one Monica contact. */
    record Received(long monicaContactId, long monicaItemId, boolean imported) {
    }

    /** Items of one contact's own list ({@code GET /api/contacts/{id}/notes} …). */
    public Written writeForContact(UUID account, UUID job, String source, MonicaTarget kind, long monicaContactId,
                                   List<Map<String, Object>> items) {
        return write(account, job, source, kind, "contact",
                items.stream().map(i -> new Item(i, List.of(monicaContactId))).toList());
    }

    /** Items of an account-wide listing page ({@code GET /api/notes} …). */
    public Written writeListed(UUID account, UUID job, String source, MonicaTarget kind, List<Item> items) {
        return write(account, job, source, kind, "listing", items);
    }

    private Written write(UUID account, UUID job, String source, MonicaTarget kind, String via, List<Item> items) {
        Set<Long> owners = new LinkedHashSet<>();
        items.forEach(i -> owners.addAll(i.monicaContactIds()));
        return tx.execute(status -> {
            ImportWriter.lockContacts(jdbc, account, source, owners);
            Map<String, ImportWriter.Existing> contacts = ImportWriter.existing(jdbc, account, source, "contact",
                    owners.stream().map(String::valueOf).toList());
            List<Map<String, Object>> rows = new ArrayList<>();
            List<Received> received = new ArrayList<>();
            int skipped = 0;
            for (Item item : items) {
                Long contactId = null;
                for (long owner : item.monicaContactIds()) {
                    Long imported = contactId(contacts, owner);
                    received.add(new Received(owner, item.monicaId(), imported != null));
                    if (contactId == null) {
                        contactId = imported;
                    }
                }
                if (contactId == null) {
                    skipped++;
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>(item.columns());
                row.put("contactId", contactId);
                rows.add(row);
            }
            int written = writeLocked(account, job, source, kind, rows);
            recordReceived(account, job, kind, via, received);
            return new Written(written, skipped);
        });
    }

    private static Long contactId(Map<String, ImportWriter.Existing> contacts, long monicaId) {
        ImportWriter.Existing record = contacts.get(String.valueOf(monicaId));
        return record == null ? null : record.contactId();
    }

    /** Records items this job received (idempotent: a repeated page inserts nothing). */
    void recordReceived(UUID account, UUID job, MonicaTarget kind, String via, Collection<Received> received) {
        if (received.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO import_job_extra_items (job_id, account_id, kind, monica_contact_id, monica_item_id,
                                                            via, imported)
                        SELECT ?, ?, ?, c, i, ?, imp
                        FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS boolean[])) AS r(c, i, imp)
                        ON CONFLICT DO NOTHING""")
                .params(job, account, kind.pathName(), via,
                        received.stream().map(Received::monicaContactId).toArray(Long[]::new),
                        received.stream().map(Received::monicaItemId).toArray(Long[]::new),
                        received.stream().map(Received::imported).toArray(Boolean[]::new))
                .update();
    }

    /** One kind of per-contact item: its table, the columns it fills, and whether an import may update it. */
    private record ItemKind(String sourceType, String table, String columns, String values, String set,
                            String guard) {
    }

    private static final Map<MonicaTarget, ItemKind> KINDS = Map.of(
            MonicaTarget.NOTES, new ItemKind("note", "notes", "body, origin", "i.n->>'body', 'import'",
                    "body = i.n->>'body', updated_at = now()", "t.origin = 'import' AND"),
            MonicaTarget.ACTIVITIES, new ItemKind("activity", "contact_activities", "summary, description, happened_at",
                    "i.n->>'summary', i.n->>'description', CAST(i.n->>'happenedAt' AS date)",
                    "summary = i.n->>'summary', description = i.n->>'description', "
                            + "happened_at = CAST(i.n->>'happenedAt' AS date)", ""),
            MonicaTarget.REMINDERS, new ItemKind("reminder", "reminders",
                    "title, description, next_expected_date, frequency_type, frequency_number",
                    "i.n->>'title', i.n->>'description', CAST(i.n->>'nextExpectedDate' AS date), "
                            + "i.n->>'frequencyType', CAST(i.n->>'frequencyNumber' AS int)",
                    "title = i.n->>'title', description = i.n->>'description'", ""),
            MonicaTarget.TASKS, new ItemKind("task", "tasks", "title, description, completed, completed_at",
                    "i.n->>'title', i.n->>'description', CAST(i.n->>'completed' AS boolean), "
                            + "CAST(i.n->>'completedAt' AS timestamptz)",
                    "title = i.n->>'title', description = i.n->>'description', "
                            + "completed = CAST(i.n->>'completed' AS boolean)", ""));

    /** Writes rows (item columns plus the Kinflow {@code contactId}); the caller holds the contacts' locks. */
    int writeLocked(UUID account, UUID job, String source, MonicaTarget kind, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        ItemKind itemKind = KINDS.get(kind);
        String sql = """
                WITH input AS MATERIALIZED (
                    SELECT e AS n, CAST(e->>'contactId' AS bigint) AS cid
                    FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS e
                ), existing AS MATERIALIZED (
                    SELECT r.source_id, r.target_id, r.content_hash FROM input i
                    CROSS JOIN LATERAL (SELECT source_id, target_id, content_hash FROM import_records
                                        WHERE account_id = :account AND source = :source AND source_type = :type
                                          AND source_id = i.n->>'sourceId' OFFSET 0) r
                ), fresh AS MATERIALIZED (
                    SELECT nextval((SELECT CAST(pg_get_serial_sequence('%1$s', 'id') AS regclass))) AS id, i.n, i.cid
                    FROM input i
                    WHERE NOT EXISTS (SELECT 1 FROM existing x WHERE x.source_id = i.n->>'sourceId')
                ), inserted AS (
                    INSERT INTO %1$s (id, account_id, contact_id, %2$s)
                    SELECT i.id, :account, i.cid, %3$s FROM fresh i
                ), changed AS MATERIALIZED (
                    SELECT x.target_id, i.n FROM input i JOIN existing x ON x.source_id = i.n->>'sourceId'
                    WHERE x.content_hash IS DISTINCT FROM i.n->>'hash'
                ), updated AS (
                    UPDATE %1$s t SET %4$s FROM changed i WHERE %5$s t.id = i.target_id RETURNING t.id
                ), records AS (
                    INSERT INTO import_records (account_id, source, source_type, source_id, contact_id, target_id,
                                                content_hash, job_id)
                    SELECT :account, :source, :type, n->>'sourceId', cid, id, n->>'hash', :job FROM fresh
                    UNION ALL
                    SELECT :account, :source, :type, n->>'sourceId', NULL, target_id, n->>'hash', :job FROM changed
                    ON CONFLICT (account_id, source, source_type, source_id) DO UPDATE
                    SET content_hash = EXCLUDED.content_hash, job_id = EXCLUDED.job_id, updated_at = now()
                )
                SELECT (SELECT count(*) FROM fresh) + (SELECT count(*) FROM changed)"""
                .formatted(itemKind.table(), itemKind.columns(), itemKind.values(), itemKind.set(),
                        itemKind.guard());
        return jdbc.sql(sql)
                .param("rows", json.writeValueAsString(dedupe(rows)))
                .param("account", account)
                .param("source", source)
                .param("type", itemKind.sourceType())
                .param("job", job)
                .query(Long.class).single().intValue();
    }

    private static List<Map<String, Object>> dedupe(List<Map<String, Object>> rows) {
        Map<Object, Map<String, Object>> unique = new LinkedHashMap<>();
        rows.forEach(r -> unique.put(r.get("sourceId"), r));
        return new ArrayList<>(unique.values());
    }
}
