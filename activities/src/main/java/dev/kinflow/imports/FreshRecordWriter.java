package dev.kinflow.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file import's fast path for a chunk none of whose records was imported before (the common case: a first
 * import of a file): the same rows as {@link ImportWriter#writeContacts} writes for new contacts — contacts, emails,
 * phones and other fields, addresses, tags, notes, {@code import_records} and {@code import_job_contacts} — but
 * passed as typed column arrays ({@code unnest(text[], …)}) instead of one jsonb document per statement, and without
 * the checks a changed contact needs (a new contact has no user-written fields to leave alone).
 *
 * <p>Idempotency is the writer's: the records' transaction advisory locks are taken in the same global order as
 * {@link ImportWriter} takes them, then the chunk's {@code import_records} are looked up; if any record of the chunk
 * exists (a retried chunk, a zombie attempt that lost the race, a re-import of the same file) nothing is written here
 * and the caller writes the chunk through {@link ImportWriter#writeContacts}, which finds every record and writes
 * nothing new. Every insert into {@code import_records} still goes through its unique constraint.
 */
@Repository
public class FreshRecordWriter {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final ExtraItemWriter items;

    public FreshRecordWriter(JdbcClient jdbc, JsonMapper json, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.items = new ExtraItemWriter(jdbc, json, tx);
    }

    /**
     * Writes these contacts if none of them has an import record under {@code source} yet; empty (nothing written)
     * otherwise, and for contacts with references to other contacts (Monica only), which this path does not write.
     */
    public Optional<ImportWriter.Written> writeIfAllNew(UUID account, UUID job, String source, String via,
                                                        List<ImportedContact> input) {
        if (input.isEmpty() || input.stream().anyMatch(c -> !c.references().isEmpty())
                || input.stream().map(ImportedContact::monicaId).distinct().count() != input.size()) {
            return Optional.empty();
        }
        return tx.execute(status -> {
            List<Long> monicaIds = input.stream().map(ImportedContact::monicaId).toList();
            ImportWriter.lockContacts(jdbc, account, source, monicaIds);
            if (!ImportWriter.existing(jdbc, account, source, "contact",
                    monicaIds.stream().map(String::valueOf).toList()).isEmpty()) {
                return Optional.<ImportWriter.Written>empty();
            }
            List<Long> ids = insertContacts(account, input);
            int written = input.size();
            insertFields(account, job, source, input, ids);
            insertAddresses(account, job, source, input, ids);
            insertTags(account, input, ids);
            insertContactRecords(account, job, source, via, input, ids);
            Map<Long, String> outcomes = new java.util.LinkedHashMap<>();
            Map<Long, Long> contactIds = new java.util.HashMap<>();
            List<Map<String, Object>> notes = new ArrayList<>();
            for (int i = 0; i < input.size(); i++) {
                ImportedContact c = input.get(i);
                outcomes.put(c.monicaId(), outcome(c));
                contactIds.put(c.monicaId(), ids.get(i));
                for (Map<String, Object> note : c.notes()) {
                    Map<String, Object> withContact = new java.util.LinkedHashMap<>(note);
                    withContact.put("contactId", ids.get(i));
                    notes.add(withContact);
                }
            }
            written += items.writeLocked(account, job, source, MonicaTarget.NOTES, notes);
            items.recordReceived(account, job, MonicaTarget.NOTES, "contact", ImportWriter.listedNotes(input, contactIds));
            return Optional.of(new ImportWriter.Written(written, outcomes));
        });
    }

    private static String outcome(ImportedContact c) {
        return c.partial() ? "partial" : "created";
    }

    private static String text(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value == null ? null : value.toString();
    }

    private List<Long> insertContacts(UUID account, List<ImportedContact> input) {
        int n = input.size();
        String[] first = new String[n], last = new String[n], nick = new String[n], company = new String[n],
                title = new String[n], birth = new String[n];
        Boolean[] partial = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> s = input.get(i).scalars();
            first[i] = text(s, "firstName");
            last[i] = text(s, "lastName");
            nick[i] = text(s, "nickname");
            company[i] = text(s, "company");
            title[i] = text(s, "jobTitle");
            birth[i] = text(s, "birthdate");
            partial[i] = Boolean.TRUE.equals(s.get("partial"));
        }
        return jdbc.sql("""
                        WITH input AS MATERIALIZED (
                            SELECT nextval((SELECT CAST(pg_get_serial_sequence('contacts', 'id') AS regclass))) AS id,
                                   u.*
                            FROM unnest(CAST(:first AS text[]), CAST(:last AS text[]), CAST(:nick AS text[]),
                                        CAST(:company AS text[]), CAST(:title AS text[]), CAST(:birth AS date[]),
                                        CAST(:partial AS boolean[]))
                                 WITH ORDINALITY AS u(first, last, nick, company, title, birth, partial, ord)
                        ), inserted AS (
                            INSERT INTO contacts (id, account_id, first_name, last_name, nickname, company, job_title,
                                                  birthdate, is_partial, origin)
                            SELECT id, :account, first, last, nick, company, title, birth, partial, 'import'
                            FROM input
                        )
                        SELECT id FROM input ORDER BY ord""")
                .param("first", first).param("last", last).param("nick", nick).param("company", company)
                .param("title", title).param("birth", birth).param("partial", partial)
                .param("account", account)
                .query(Long.class).list();
    }

    /** Fields with their import records, keyed (account, source, 'contact_field', source id). */
    private void insertFields(UUID account, UUID job, String source, List<ImportedContact> input, List<Long> ids) {
        List<Long> cid = new ArrayList<>();
        List<String> kind = new ArrayList<>(), value = new ArrayList<>(), raw = new ArrayList<>(),
                label = new ArrayList<>(), sourceId = new ArrayList<>();
        List<Integer> position = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            int ord = 0;
            for (Map<String, Object> f : input.get(i).fields()) {
                cid.add(ids.get(i));
                kind.add(text(f, "kind"));
                value.add(text(f, "value"));
                raw.add(text(f, "raw"));
                label.add(text(f, "label"));
                sourceId.add(text(f, "sourceId"));
                position.add(++ord);
            }
        }
        if (cid.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        WITH fields AS MATERIALIZED (
                            SELECT nextval((SELECT CAST(pg_get_serial_sequence('contact_fields', 'id') AS regclass)))
                                       AS id, u.*
                            FROM unnest(CAST(:cid AS bigint[]), CAST(:kind AS text[]), CAST(:value AS text[]),
                                        CAST(:raw AS text[]), CAST(:label AS text[]), CAST(:position AS int[]),
                                        CAST(:sourceId AS text[])) AS u(cid, kind, value, raw, label, pos, sid)
                        ), inserted AS (
                            INSERT INTO contact_fields (id, account_id, contact_id, kind, value, raw_value, label,
                                                        position, origin)
                            SELECT id, :account, cid, kind, value, raw, label, pos, 'import' FROM fields
                        )
                        INSERT INTO import_records (account_id, source, source_type, source_id, contact_id,
                                                    target_id, job_id)
                        SELECT :account, :source, 'contact_field', sid, cid, id, :job FROM fields
                        ON CONFLICT (account_id, source, source_type, source_id) DO UPDATE
                        SET contact_id = EXCLUDED.contact_id, target_id = EXCLUDED.target_id,
                            job_id = EXCLUDED.job_id, updated_at = now()""")
                .param("cid", cid.toArray(Long[]::new)).param("kind", kind.toArray(String[]::new))
                .param("value", value.toArray(String[]::new)).param("raw", raw.toArray(String[]::new))
                .param("label", label.toArray(String[]::new)).param("position", position.toArray(Integer[]::new))
                .param("sourceId", sourceId.toArray(String[]::new))
                .param("account", account).param("source", source).param("job", job)
                .update();
    }

    /** Addresses with their import records, keyed (account, source, 'address', source id). */
    private void insertAddresses(UUID account, UUID job, String source, List<ImportedContact> input, List<Long> ids) {
        List<Long> cid = new ArrayList<>();
        List<String> line1 = new ArrayList<>(), city = new ArrayList<>(), region = new ArrayList<>(),
                postal = new ArrayList<>(), country = new ArrayList<>(), key = new ArrayList<>(),
                sourceId = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            for (Map<String, Object> a : input.get(i).addresses()) {
                cid.add(ids.get(i));
                line1.add(text(a, "line1"));
                city.add(text(a, "city"));
                region.add(text(a, "region"));
                postal.add(text(a, "postalCode"));
                country.add(text(a, "country"));
                key.add(text(a, "key"));
                sourceId.add(text(a, "sourceId"));
            }
        }
        if (cid.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        WITH addrs AS MATERIALIZED (
                            SELECT nextval((SELECT CAST(pg_get_serial_sequence('addresses', 'id') AS regclass))) AS id,
                                   u.*
                            FROM unnest(CAST(:cid AS bigint[]), CAST(:line1 AS text[]), CAST(:city AS text[]),
                                        CAST(:region AS text[]), CAST(:postal AS text[]), CAST(:country AS text[]),
                                        CAST(:key AS text[]), CAST(:sourceId AS text[]))
                                 AS u(cid, line1, city, region, postal, country, key, sid)
                        ), inserted AS (
                            INSERT INTO addresses (id, account_id, contact_id, line1, city, region, postal_code,
                                                   country, normalized_key, origin)
                            SELECT id, :account, cid, line1, city, region, postal, country, key, 'import' FROM addrs
                        )
                        INSERT INTO import_records (account_id, source, source_type, source_id, contact_id,
                                                    target_id, job_id)
                        SELECT :account, :source, 'address', sid, cid, id, :job FROM addrs
                        ON CONFLICT (account_id, source, source_type, source_id) DO UPDATE
                        SET contact_id = EXCLUDED.contact_id, target_id = EXCLUDED.target_id,
                            job_id = EXCLUDED.job_id, updated_at = now()""")
                .param("cid", cid.toArray(Long[]::new)).param("line1", line1.toArray(String[]::new))
                .param("city", city.toArray(String[]::new)).param("region", region.toArray(String[]::new))
                .param("postal", postal.toArray(String[]::new)).param("country", country.toArray(String[]::new))
                .param("key", key.toArray(String[]::new)).param("sourceId", sourceId.toArray(String[]::new))
                .param("account", account).param("source", source).param("job", job)
                .update();
    }

    /** Missing tags first (in name order, as {@link ImportWriter} creates them), then the contacts' tag links. */
    private void insertTags(UUID account, List<ImportedContact> input, List<Long> ids) {
        Map<String, String> byLowerName = new TreeMap<>();
        List<Long> cid = new ArrayList<>();
        List<String> lname = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            for (String t : input.get(i).tags()) {
                String lower = t.toLowerCase(Locale.ROOT);
                byLowerName.putIfAbsent(lower, t);
                cid.add(ids.get(i));
                lname.add(lower);
            }
        }
        if (cid.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO tags (account_id, name)
                        SELECT ?, name FROM unnest(CAST(? AS text[])) WITH ORDINALITY AS t(name, ord) ORDER BY ord
                        ON CONFLICT (account_id, lower(name)) DO NOTHING""")
                .params(account, byLowerName.values().toArray(String[]::new))
                .update();
        jdbc.sql("""
                        INSERT INTO contact_tags (account_id, contact_id, tag_id)
                        SELECT DISTINCT :account, u.cid, t.id
                        FROM unnest(CAST(:cid AS bigint[]), CAST(:lname AS text[])) AS u(cid, lname)
                        JOIN tags t ON t.account_id = :account AND lower(t.name) = u.lname
                        ON CONFLICT DO NOTHING""")
                .param("cid", cid.toArray(Long[]::new)).param("lname", lname.toArray(String[]::new))
                .param("account", account)
                .update();
    }

    /** The contacts' import records (with their content hash) and what this job saw of each record. */
    private void insertContactRecords(UUID account, UUID job, String source, String via,
                                      List<ImportedContact> input, List<Long> ids) {
        int n = input.size();
        String[] sourceId = new String[n], hash = new String[n], outcome = new String[n], statistics = new String[n];
        Long[] monicaId = new Long[n];
        for (int i = 0; i < n; i++) {
            ImportedContact c = input.get(i);
            sourceId[i] = String.valueOf(c.monicaId());
            monicaId[i] = c.monicaId();
            hash[i] = c.contentHash();
            outcome[i] = outcome(c);
            statistics[i] = c.statistics().isEmpty() ? "{}" : json.writeValueAsString(c.statistics());
        }
        jdbc.sql("""
                        WITH records AS (
                            INSERT INTO import_records (account_id, source, source_type, source_id, contact_id,
                                                        content_hash, job_id)
                            SELECT :account, :source, 'contact', sid, cid, hash, :job
                            FROM unnest(CAST(:sid AS text[]), CAST(:cid AS bigint[]), CAST(:hash AS text[]))
                                 AS u(sid, cid, hash)
                            ON CONFLICT (account_id, source, source_type, source_id) DO UPDATE
                            SET contact_id = EXCLUDED.contact_id, content_hash = EXCLUDED.content_hash,
                                job_id = EXCLUDED.job_id, updated_at = now()
                        )
                        INSERT INTO import_job_contacts (job_id, account_id, monica_id, via, outcome, statistics)
                        SELECT :job, :account, mid, :via, outcome, CAST(stats AS jsonb)
                        FROM unnest(CAST(:mid AS bigint[]), CAST(:outcome AS text[]), CAST(:stats AS text[]))
                             AS u(mid, outcome, stats)
                        ON CONFLICT (job_id, monica_id) DO NOTHING""")
                .param("sid", sourceId).param("cid", ids.toArray(Long[]::new)).param("hash", hash)
                .param("mid", monicaId).param("outcome", outcome).param("stats", statistics)
                .param("account", account).param("source", source).param("job", job).param("via", via)
                .update();
    }
}
