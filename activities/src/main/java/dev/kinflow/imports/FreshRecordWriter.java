package dev.kinflow.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The file import's fast path for records none of which was imported before (a first import of a file): contacts,
 * emails and phones, addresses, tag links and the contacts' {@code import_records} go in with one {@code COPY} per
 * table ({@link CopyRows}), contact ids drawn from the sequence beforehand. Notes (rare in files) go through the
 * shared {@link ExtraItemWriter}.
 *
 * <p>A file record needs less bookkeeping than a Monica contact, and this path writes only what it needs: the
 * contact's import record (source {@code format:sha256}, source id = record number, content hash), which is what
 * makes a record written again write nothing. Its emails, phones and addresses get no import records of their own:
 * a file's record never changes (its source names the file's content), so the page writer never looks them up, and
 * imported children are told apart from a user's by {@code origin}. Nor does it write {@code import_job_contacts}:
 * the chunk's outcome counts are kept with the chunk ({@link ImportFileRepository#markWritten}).
 *
 * <p>Must run inside the caller's transaction: the caller has checked that the records are new and holds the
 * chunk's row lock. Should a record exist after all (another import of the same file racing this one), the contacts'
 * import records' unique key fails the {@code COPY} with a {@link org.springframework.dao.DuplicateKeyException} and
 * the transaction writes nothing.
 */
@Repository
public class FreshRecordWriter {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ExtraItemWriter items;

    public FreshRecordWriter(JdbcClient jdbc, DataSource dataSource, ExtraItemWriter items) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.items = items;
    }

    /** Writes the records as new contacts; returns how many contacts were created (one per record). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int write(UUID account, UUID job, String source, List<FileContact> input) {
        if (input.isEmpty()) {
            return 0;
        }
        List<Long> ids = contactIds(input.size());
        int size = input.size();
        CopyRows contacts = new CopyRows("contacts (id, account_id, first_name, last_name, nickname, company,"
                + " job_title, birthdate, is_partial, origin)", size * 120);
        CopyRows fields = new CopyRows("contact_fields (account_id, contact_id, kind, value, raw_value, label,"
                + " position, origin)", size * 4 * 110);
        CopyRows addresses = new CopyRows("addresses (account_id, contact_id, line1, city, region, postal_code,"
                + " country, normalized_key, origin)", size * 160);
        CopyRows records = new CopyRows("import_records (account_id, source, source_type, source_id, contact_id,"
                + " content_hash, job_id)", size * 200);
        List<Map<String, Object>> notes = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            FileContact c = input.get(i);
            long id = ids.get(i);
            contacts.add(id).add(account).add(c.firstName()).add(c.lastName()).add(c.nickname()).add(c.company())
                    .add(c.jobTitle()).add(c.birthdate()).add(false).add("import").endRow();
            int position = 0;
            for (FileContact.Field f : c.fields()) {
                fields.add(account).add(id).add(f.kind().column).add(f.value()).add(f.raw()).add(f.label())
                        .add(++position).add("import").endRow();
            }
            for (FileContact.Address a : c.addresses()) {
                addresses.add(account).add(id).add(a.line1()).add(a.city()).add(a.region()).add(a.postalCode())
                        .add(a.country()).add(a.key()).add("import").endRow();
            }
            records.add(account).add(source).add("contact").add(String.valueOf(c.recordNo())).add(id)
                    .add(c.contentHash()).add(job).endRow();
            for (int n = 0; n < c.notes().size(); n++) {
                Map<String, Object> note = c.noteRow(n);
                note.put("contactId", id);
                notes.add(note);
            }
        }
        contacts.send(dataSource);
        records.send(dataSource);
        fields.send(dataSource);
        addresses.send(dataSource);
        tagLinks(account, input, ids).send(dataSource);
        if (!notes.isEmpty()) {
            items.writeLocked(account, job, source, MonicaTarget.NOTES, notes);
        }
        return input.size();
    }

    /**
     * Whether no record of this chunk has an import record yet, told by its first and last record: chunks are
     * written whole. (A chunk cut otherwise by an older version, half there, fails {@link #write} on the import
     * records' key, and the caller writes it as a re-import.)
     */
    public boolean noneImported(UUID account, String source, List<FileContact> input) {
        return input.isEmpty() || ImportWriter.existing(jdbc, account, source, "contact",
                List.of(String.valueOf(input.getFirst().recordNo()), String.valueOf(input.getLast().recordNo())))
                .isEmpty();
    }

    private List<Long> contactIds(int n) {
        return jdbc.sql("""
                        SELECT nextval((SELECT CAST(pg_get_serial_sequence('contacts', 'id') AS regclass)))
                        FROM generate_series(1, ?)""")
                .param(n).query(Long.class).list();
    }

    /**
     * The records' tags: the account's missing ones created first (in name order, as {@link ImportWriter} creates
     * them, so that two writers never deadlock; an insert that meets a tag another transaction is creating waits for
     * it), then looked up by name in a statement of their own, which sees them all.
     */
    private CopyRows tagLinks(UUID account, List<FileContact> input, List<Long> ids) {
        CopyRows links = new CopyRows("contact_tags (account_id, contact_id, tag_id)", input.size() * 3 * 60);
        Map<String, String> byLowerName = new TreeMap<>();
        input.forEach(c -> c.tags().forEach(t -> byLowerName.putIfAbsent(t.toLowerCase(Locale.ROOT), t)));
        if (byLowerName.isEmpty()) {
            return links;
        }
        jdbc.sql("""
                        INSERT INTO tags (account_id, name)
                        SELECT ?, name FROM unnest(CAST(? AS text[])) WITH ORDINALITY AS t(name, ord) ORDER BY ord
                        ON CONFLICT (account_id, lower(name)) DO NOTHING""")
                .params(account, byLowerName.values().toArray(String[]::new))
                .update();
        Map<String, Long> tagIds = new HashMap<>();
        jdbc.sql("""
                        SELECT t.id, u.lname FROM unnest(CAST(? AS text[])) AS u(lname)
                        JOIN tags t ON t.account_id = ? AND lower(t.name) = u.lname""")
                .params(byLowerName.keySet().toArray(String[]::new), account)
                .query(rs -> {
                    tagIds.put(rs.getString("lname"), rs.getLong("id"));
                });
        for (int i = 0; i < input.size(); i++) {
            for (String tag : input.get(i).tags()) {
                links.add(account).add(ids.get(i)).add(tagIds.get(tag.toLowerCase(Locale.ROOT))).endRow();
            }
        }
        return links;
    }
}
