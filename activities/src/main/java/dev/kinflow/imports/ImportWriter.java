package dev.kinflow.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what one Monica response brought, in one transaction with a handful of set-based statements (no per-row
 * round trips). Everything is keyed on Monica ids through {@code import_records}: a contact whose content hash is
 * unchanged is not written at all; a changed one gets its scalar fields updated only while Kinflow's copy still has
 * {@code origin = 'import'}, and its imported emails, phones and addresses replaced, leaving rows a user wrote alone.
 * A write first takes a transaction advisory lock per Monica contact it touches (account, source, contact id, in
 * one global order, so two writers never deadlock on them): pages with disjoint contacts write concurrently, while
 * overlapping pages (listing drift repeats ids across concurrently fetched pages) and a zombie attempt wait for each
 * other and never create a contact twice. Missing tags are created in name order for the same reason.
 *
 * <p>Lookups are index probes per id ({@code LATERAL ... OFFSET 0}) rather than joins or {@code = ANY} filters, which
 * the planner turns into scans of the whole account when statistics are stale (during and right after a big first
 * import: with {@code source_id = ANY(...)} the page's look-up read every record of the account, 9 ms a page at 24k
 * records and growing). Sequence ids are drawn with the sequence looked up once per statement, not once per row.
 */
@Repository
public class ImportWriter {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final ExtraItemWriter items;

    public ImportWriter(JdbcClient jdbc, JsonMapper json, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
        this.items = new ExtraItemWriter(jdbc, json, tx);
    }

    /** What a batch write did: rows written and the outcome per Monica id. */
    public record Written(int written, Map<Long, String> outcomes) {
    }

    /** Writes contacts of one response; {@code via} is listing, backfill or reference. */
    public Written writeContacts(UUID account, UUID job, String source, String via, List<ImportedContact> input) {
        Map<Long, ImportedContact> byId = new LinkedHashMap<>();
        input.forEach(c -> byId.put(c.monicaId(), c));
        return tx.execute(status -> {
            lockContacts(account, source, byId.keySet());
            Map<String, Existing> existing = existing(account, source, "contact",
                    byId.keySet().stream().map(String::valueOf).toList());
            Map<Long, String> outcomes = new LinkedHashMap<>();
            Map<Long, Long> contactIds = new HashMap<>();
            List<ImportedContact> fresh = new ArrayList<>();
            List<Map<String, Object>> changed = new ArrayList<>();
            for (ImportedContact c : byId.values()) {
                Existing record = existing.get(String.valueOf(c.monicaId()));
                if (record == null) {
                    fresh.add(c);
                } else if (record.contactId() == null) {
                    outcomes.put(c.monicaId(), "skipped");
                } else if (record.hash() != null && record.hash().equals(c.contentHash())) {
                    outcomes.put(c.monicaId(), "unchanged");
                    contactIds.put(c.monicaId(), record.contactId());
                } else {
                    contactIds.put(c.monicaId(), record.contactId());
                    changed.add(row(c, record.contactId()));
                    outcomes.put(c.monicaId(), c.partial() ? "partial" : "updated");
                }
            }
            List<Map<String, Object>> written = new ArrayList<>(changed);
            List<Long> ids = insertContacts(account, fresh);
            for (int i = 0; i < fresh.size(); i++) {
                written.add(row(fresh.get(i), ids.get(i)));
                contactIds.put(fresh.get(i).monicaId(), ids.get(i));
                outcomes.put(fresh.get(i).monicaId(), fresh.get(i).partial() ? "partial" : "created");
            }
            updateScalars(account, changed);
            removeImportedChildren(changed);
            for (int i = changed.size(); i < written.size(); i++) {
                written.get(i).put("fresh", true);
            }
            writeChildrenAndRecords(account, job, source, written);
            List<Map<String, Object>> notes = new ArrayList<>();
            for (ImportedContact c : byId.values()) {
                Long contactId = contactIds.get(c.monicaId());
                for (Map<String, Object> note : contactId == null ? List.<Map<String, Object>>of() : c.notes()) {
                    Map<String, Object> withContact = new LinkedHashMap<>(note);
                    withContact.put("contactId", contactId);
                    notes.add(withContact);
                }
            }
            int extra = items.writeLocked(account, job, source, MonicaTarget.NOTES, notes);
            items.recordReceived(account, job, MonicaTarget.NOTES, "contact", listedNotes(byId.values(), contactIds));
            recordSeenAndReferences(account, job, via, byId.values(), outcomes);
            return new Written(written.size() + extra, outcomes);
        });
    }

    /** The latest notes the contact listing gave, as received items of their contacts. */
    static List<ExtraItemWriter.Received> listedNotes(Iterable<ImportedContact> contacts,
                                                              Map<Long, Long> contactIds) {
        List<ExtraItemWriter.Received> received = new ArrayList<>();
        for (ImportedContact c : contacts) {
            for (Map<String, Object> note : c.notes()) {
                received.add(new ExtraItemWriter.Received(c.monicaId(), Long.parseLong((String) note.get("sourceId")),
                        contactIds.containsKey(c.monicaId())));
            }
        }
        return received;
    }

    /** Records Monica ids this job looked at but did not import (archived, other address book, deleted). */
    public void recordSkipped(UUID account, UUID job, String via, long monicaId, String outcome) {
        jdbc.sql("""
                        INSERT INTO import_job_contacts (job_id, account_id, monica_id, via, outcome)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(job, account, monicaId, via, outcome)
                .update();
    }

    private void lockContacts(UUID account, String source, java.util.Collection<Long> monicaIds) {
        lockContacts(jdbc, account, source, monicaIds);
    }

    /**
     * Transaction advisory locks on these Monica contacts (account, source, contact id), taken in one global order so
     * that two writers never deadlock: every write that touches a contact or its items holds its lock.
     */
    static void lockContacts(JdbcClient jdbc, UUID account, String source, java.util.Collection<Long> monicaIds) {
        jdbc.sql("""
                        SELECT count(pg_advisory_xact_lock(k)) FROM (
                            SELECT DISTINCT hashtextextended(? || '|' || ? || '|' || id, 0) AS k
                            FROM unnest(CAST(? AS bigint[])) AS id ORDER BY k) keys""")
                .params(account.toString(), source, monicaIds.toArray(Long[]::new)).query(Long.class).single();
    }

    record Existing(Long contactId, String hash) {
    }

    private Map<String, Existing> existing(UUID account, String source, String type, List<String> ids) {
        return existing(jdbc, account, source, type, ids);
    }

    /** The import records of these source ids of one type, by source id (index probes, see the class comment). */
    static Map<String, Existing> existing(JdbcClient jdbc, UUID account, String source, String type,
                                          List<String> ids) {
        Map<String, Existing> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        SELECT r.source_id, r.contact_id, r.content_hash
                        FROM unnest(CAST(:ids AS text[])) AS i(source_id)
                        CROSS JOIN LATERAL (SELECT source_id, contact_id, content_hash FROM import_records
                                            WHERE account_id = :account AND source = :source AND source_type = :type
                                              AND source_id = i.source_id OFFSET 0) r""")
                .param("ids", ids.toArray(String[]::new))
                .param("account", account)
                .param("source", source)
                .param("type", type)
                .query(rs -> {
                    long contact = rs.getLong("contact_id");
                    found.put(rs.getString("source_id"),
                            new Existing(rs.wasNull() ? null : contact, rs.getString("content_hash")));
                });
        return found;
    }

    private static Map<String, Object> row(ImportedContact c, long contactId) {
        Map<String, Object> row = new LinkedHashMap<>(c.scalars());
        row.put("contactId", contactId);
        row.put("monicaId", String.valueOf(c.monicaId()));
        row.put("hash", c.contentHash());
        row.put("fields", c.fields());
        row.put("addresses", c.addresses());
        row.put("tags", c.tags());
        return row;
    }

    private List<Long> insertContacts(UUID account, List<ImportedContact> fresh) {
        if (fresh.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        WITH input AS MATERIALIZED (
                            SELECT nextval((SELECT CAST(pg_get_serial_sequence('contacts', 'id') AS regclass))) AS id,
                                   e.value AS c, e.ord
                            FROM jsonb_array_elements(CAST(:rows AS jsonb)) WITH ORDINALITY AS e(value, ord)
                        ), inserted AS (
                            INSERT INTO contacts (id, account_id, first_name, last_name, nickname, company, job_title,
                                                  birthdate, is_partial, origin)
                            SELECT id, :account, c->>'firstName', c->>'lastName', c->>'nickname', c->>'company',
                                   c->>'jobTitle', CAST(c->>'birthdate' AS date), CAST(c->>'partial' AS boolean),
                                   'import'
                            FROM input
                        )
                        SELECT id FROM input ORDER BY ord""")
                .param("rows", json.writeValueAsString(fresh.stream().map(ImportedContact::scalars).toList()))
                .param("account", account)
                .query(Long.class).list();
    }

    private void updateScalars(UUID account, List<Map<String, Object>> changed) {
        if (changed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE contacts c
                        SET first_name = x.c->>'firstName', last_name = x.c->>'lastName',
                            nickname = x.c->>'nickname', company = x.c->>'company', job_title = x.c->>'jobTitle',
                            birthdate = CAST(x.c->>'birthdate' AS date), updated_at = now()
                        FROM (SELECT CAST(e->>'contactId' AS bigint) AS id, e AS c
                              FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS e) x
                        WHERE c.id = x.id AND c.account_id = :account AND c.origin = 'import'""")
                .param("rows", json.writeValueAsString(changed))
                .param("account", account)
                .update();
        jdbc.sql("""
                        UPDATE contacts c SET is_partial = false, updated_at = now()
                        FROM (SELECT CAST(e->>'contactId' AS bigint) AS id FROM jsonb_array_elements(CAST(:rows AS jsonb)) e
                              WHERE NOT CAST(e->>'partial' AS boolean)) x
                        WHERE c.id = x.id AND c.account_id = :account AND c.is_partial""")
                .param("rows", json.writeValueAsString(changed))
                .param("account", account)
                .update();
    }

    /** A changed contact's imported emails, phones, other fields and addresses go; the import writes them anew. */
    private void removeImportedChildren(List<Map<String, Object>> changed) {
        if (changed.isEmpty()) {
            return;
        }
        Long[] ids = changed.stream().map(r -> (Long) r.get("contactId")).toArray(Long[]::new);
        jdbc.sql("""
                        WITH removed_fields AS (
                            DELETE FROM contact_fields WHERE contact_id = ANY(:ids) AND origin = 'import'
                        )
                        DELETE FROM addresses WHERE contact_id = ANY(:ids) AND origin = 'import'""")
                .param("ids", ids)
                .update();
    }

    /**
     * Emails, phones, other fields, addresses and tags of written contacts, and the import records of all of them
     * (the contact's with its content hash), in one statement. A new contact ({@code fresh}) has no fields yet, so only
     * a changed one is checked (one index probe) for a value a user already wrote.
     */
    private void writeChildrenAndRecords(UUID account, UUID job, String source, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        insertMissingTags(account, rows);
        jdbc.sql("""
                        WITH input AS MATERIALIZED (
                            SELECT CAST(e->>'contactId' AS bigint) AS cid, e AS c, e->>'fresh' IS NOT NULL AS fresh
                            FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS e
                        ), fields AS MATERIALIZED (
                            SELECT nextval((SELECT CAST(pg_get_serial_sequence('contact_fields', 'id') AS regclass)))
                                       AS id, i.cid, f.value AS f, f.ord
                            FROM input i, jsonb_array_elements(i.c->'fields') WITH ORDINALITY AS f(value, ord)
                            WHERE i.fresh OR NOT EXISTS (SELECT 1 FROM contact_fields u
                                                         WHERE u.contact_id = i.cid AND u.origin <> 'import'
                                                           AND u.kind = f.value->>'kind'
                                                           AND u.value = f.value->>'value')
                        ), inserted_fields AS (
                            INSERT INTO contact_fields (id, account_id, contact_id, kind, value, raw_value, label,
                                                        position, origin)
                            SELECT id, :account, cid, f->>'kind', f->>'value', f->>'raw', f->>'label', ord, 'import'
                            FROM fields
                        ), addrs AS MATERIALIZED (
                            SELECT nextval((SELECT CAST(pg_get_serial_sequence('addresses', 'id') AS regclass))) AS id,
                                   i.cid, a
                            FROM input i, jsonb_array_elements(i.c->'addresses') AS a
                            WHERE i.fresh OR NOT EXISTS (SELECT 1 FROM addresses u
                                                         WHERE u.contact_id = i.cid AND u.origin <> 'import'
                                                           AND u.normalized_key = a->>'key')
                        ), inserted_addresses AS (
                            INSERT INTO addresses (id, account_id, contact_id, line1, city, region, postal_code,
                                                   country, normalized_key, origin)
                            SELECT id, :account, cid, a->>'line1', a->>'city', a->>'region', a->>'postalCode',
                                   a->>'country', a->>'key', 'import'
                            FROM addrs
                        ), records AS (
                            INSERT INTO import_records (account_id, source, source_type, source_id, contact_id,
                                                        target_id, job_id)
                            SELECT :account, :source, 'contact_field', f->>'sourceId', cid, id, :job FROM fields
                            UNION ALL
                            SELECT :account, :source, 'address', a->>'sourceId', cid, id, :job FROM addrs
                            ON CONFLICT (account_id, source, source_type, source_id) DO UPDATE
                            SET contact_id = EXCLUDED.contact_id, target_id = EXCLUDED.target_id,
                                job_id = EXCLUDED.job_id, updated_at = now()
                        ), contact_records AS (
                            INSERT INTO import_records (account_id, source, source_type, source_id, contact_id,
                                                        content_hash, job_id)
                            SELECT :account, :source, 'contact', c->>'monicaId', cid, c->>'hash', :job FROM input
                            ON CONFLICT (account_id, source, source_type, source_id) DO UPDATE
                            SET contact_id = EXCLUDED.contact_id, content_hash = EXCLUDED.content_hash,
                                job_id = EXCLUDED.job_id, updated_at = now()
                        ), tag_ids AS (
                            SELECT id, lower(name) AS lname FROM tags
                            WHERE account_id = :account
                              AND lower(name) IN (SELECT lower(t) FROM input i,
                                                  jsonb_array_elements_text(i.c->'tags') AS t)
                        )
                        INSERT INTO contact_tags (account_id, contact_id, tag_id)
                        SELECT DISTINCT :account, i.cid, u.id
                        FROM input i, jsonb_array_elements_text(i.c->'tags') AS t
                        JOIN tag_ids u ON u.lname = lower(t)
                        ON CONFLICT DO NOTHING""")
                .param("rows", json.writeValueAsString(rows))
                .param("account", account)
                .param("source", source)
                .param("job", job)
                .update();
    }

    /**
     * Creates the tags of these contacts that the account does not have yet, in name order. Existing tags are left
     * alone rather than upserted: an upsert locks the tag's row until commit, and since most contacts share a few tags,
     * that made every concurrent page write wait for the one before it. Run as its own statement so that the next
     * statement's snapshot sees every tag, including one a concurrent page created (this insert waits for it).
     */
    private void insertMissingTags(UUID account, List<Map<String, Object>> rows) {
        Map<String, String> byLowerName = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            List<String> tags = (List<String>) row.get("tags");
            tags.forEach(t -> byLowerName.putIfAbsent(t.toLowerCase(Locale.ROOT), t));
        }
        if (byLowerName.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO tags (account_id, name)
                        SELECT ?, name FROM unnest(CAST(? AS text[])) WITH ORDINALITY AS t(name, ord) ORDER BY ord
                        ON CONFLICT (account_id, lower(name)) DO NOTHING""")
                .params(account, byLowerName.values().toArray(String[]::new))
                .update();
    }

    /** What this job saw of each contact (its outcome and statistics) and the links to other contacts it found. */
    private void recordSeenAndReferences(UUID account, UUID job, String via, Iterable<ImportedContact> contacts,
                                         Map<Long, String> outcomes) {
        List<Map<String, Object>> seen = new ArrayList<>();
        List<Map<String, Object>> references = new ArrayList<>();
        for (ImportedContact c : contacts) {
            seen.add(Map.of("id", c.monicaId(), "outcome", outcomes.get(c.monicaId()), "statistics", c.statistics()));
            for (ImportedContact.Reference r : c.references()) {
                references.add(Map.of("from", c.monicaId(), "to", r.toMonicaId(), "type", r.type()));
            }
        }
        jdbc.sql("""
                        WITH seen AS (
                            INSERT INTO import_job_contacts (job_id, account_id, monica_id, via, outcome, statistics)
                            SELECT :job, :account, CAST(e->>'id' AS bigint), :via, e->>'outcome', e->'statistics'
                            FROM jsonb_array_elements(CAST(:seen AS jsonb)) AS e
                            ON CONFLICT (job_id, monica_id) DO NOTHING
                        )
                        INSERT INTO import_job_references (job_id, account_id, from_monica_id, to_monica_id, type)
                        SELECT DISTINCT :job, :account, CAST(e->>'from' AS bigint), CAST(e->>'to' AS bigint), e->>'type'
                        FROM jsonb_array_elements(CAST(:references AS jsonb)) AS e
                        ON CONFLICT DO NOTHING""")
                .param("seen", json.writeValueAsString(seen))
                .param("references", json.writeValueAsString(references))
                .param("job", job)
                .param("account", account)
                .param("via", via)
                .update();
    }
}
