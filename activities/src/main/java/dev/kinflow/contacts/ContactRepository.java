package dev.kinflow.contacts;

import dev.kinflow.common.AddressKeys;
import dev.kinflow.common.Emails;
import dev.kinflow.common.PhoneDisplay;
import dev.kinflow.common.PhoneFormat;
import dev.kinflow.common.PhoneNumbers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contacts with their emails, phones, addresses and tags. Values are normalised here, once, for every writer:
 * emails trimmed and lower-cased, phones in E.164 with the account's default region when parseable (the raw input is
 * always kept), addresses with their normalised key.
 */
@Repository
public class ContactRepository {

    /** Inserts many contacts, their fields, addresses and tags in one statement (one database round trip). */
    private static final String INSERT_ALL = """
            WITH input AS MATERIALIZED (
                SELECT nextval(pg_get_serial_sequence('contacts', 'id')) AS id, e.value AS c, e.ord
                FROM jsonb_array_elements(CAST(:contacts AS jsonb)) WITH ORDINALITY AS e(value, ord)
            ), new_contacts AS (
                INSERT INTO contacts (id, account_id, first_name, last_name, nickname, company, job_title, birthdate,
                                      origin)
                SELECT id, :account, c->>'firstName', c->>'lastName', c->>'nickname', c->>'company', c->>'jobTitle',
                       CAST(c->>'birthdate' AS date), :origin
                FROM input
                RETURNING id
            ), new_fields AS (
                INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value, label, position, origin)
                SELECT :account, i.id, f.value->>'kind', f.value->>'value', f.value->>'raw', f.value->>'label',
                       f.ord, :origin
                FROM input i, jsonb_array_elements(i.c->'fields') WITH ORDINALITY AS f(value, ord)
            ), new_addresses AS (
                INSERT INTO addresses (account_id, contact_id, line1, line2, city, region, postal_code, country,
                                       normalized_key, origin)
                SELECT :account, i.id, a->>'line1', a->>'line2', a->>'city', a->>'region', a->>'postalCode',
                       a->>'country', a->>'key', :origin
                FROM input i, jsonb_array_elements(i.c->'addresses') AS a
            ), tag_names AS (
                SELECT DISTINCT ON (lower(t)) t AS name FROM input i, jsonb_array_elements_text(i.c->'tags') AS t
            ), upserted_tags AS (
                INSERT INTO tags (account_id, name) SELECT :account, name FROM tag_names
                ON CONFLICT (account_id, lower(name)) DO UPDATE SET name = tags.name
                RETURNING id, lower(name) AS lname
            ), new_contact_tags AS (
                INSERT INTO contact_tags (account_id, contact_id, tag_id)
                SELECT DISTINCT :account, i.id, u.id
                FROM input i, jsonb_array_elements_text(i.c->'tags') AS t JOIN upserted_tags u ON u.lname = lower(t)
                ON CONFLICT DO NOTHING
            )
            SELECT id FROM input ORDER BY ord""";

    /** A contact row with its fields, addresses and tags aggregated, selected from a relation named {@code c}. */
    private static final String VIEW_COLUMNS = """
            SELECT c.*,
              (SELECT a.phone_format FROM accounts a WHERE a.id = c.account_id) AS phone_format,
              (SELECT COALESCE(json_agg(json_build_object('kind', f.kind, 'value', f.value, 'raw', f.raw_value,
                                                          'label', f.label) ORDER BY f.position, f.id), '[]')
               FROM contact_fields f WHERE f.contact_id = c.id) AS fields,
              (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'line1', a.line1, 'line2', a.line2,
                                                          'city', a.city, 'region', a.region,
                                                          'postalCode', a.postal_code, 'country', a.country)
                                        ORDER BY a.id), '[]')
               FROM addresses a WHERE a.contact_id = c.id) AS address_list,
              (SELECT COALESCE(json_agg(t.name ORDER BY lower(t.name)), '[]')
               FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id) AS tag_list
            """;

    private static final String SELECT_VIEW = VIEW_COLUMNS + " FROM contacts c";

    private static final String SEARCH = """
            c.account_id = :account AND c.merged_into IS NULL AND c.is_partial = false
            AND (CAST(:q AS text) IS NULL
                 OR (coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' || coalesce(c.nickname, '')
                     || ' ' || coalesce(c.company, '')) ILIKE '%' || :q || '%'
                 OR EXISTS (SELECT 1 FROM contact_fields f WHERE f.contact_id = c.id AND f.value ILIKE :q || '%'))
            """;

    /** One page of {@link #SEARCH}: cut before aggregating, so a deep offset does not aggregate the skipped rows. */
    private static final String PAGE_VIEW = VIEW_COLUMNS + " FROM (SELECT * FROM contacts c WHERE " + SEARCH
            + " ORDER BY c.id LIMIT :limit OFFSET :offset) c ORDER BY c.id";

    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LIST_OF_STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ContactRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts contacts with {@code origin} on every row; returns their ids in input order. */
    public List<Long> insertAll(UUID accountId, String defaultRegion, List<ContactDraft> drafts, String origin) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> rows = new ArrayList<>(drafts.size());
        for (ContactDraft draft : drafts) {
            rows.add(toRow(draft, defaultRegion));
        }
        return jdbc.sql(INSERT_ALL)
                .param("contacts", json.writeValueAsString(rows))
                .param("account", accountId)
                .param("origin", origin)
                .query(Long.class)
                .list();
    }

    public Optional<Contact> find(UUID accountId, long id) {
        return jdbc.sql(SELECT_VIEW + " WHERE c.account_id = :account AND c.id = :id AND c.merged_into IS NULL")
                .param("account", accountId)
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** A page of live contacts, by id; {@code q} matches names, company, or the start of an email/phone. */
    public List<Contact> list(UUID accountId, String q, int limit, int offset) {
        return jdbc.sql(PAGE_VIEW)
                .param("account", accountId)
                .param("q", blankToNull(q))
                .param("limit", limit)
                .param("offset", offset)
                .query(this::map)
                .list();
    }

    public long count(UUID accountId, String q) {
        return jdbc.sql("SELECT count(*) FROM contacts c WHERE " + SEARCH)
                .param("account", accountId)
                .param("q", blankToNull(q))
                .query(Long.class)
                .single();
    }

    /** Applies a patch written by a user (origin {@code user}); false when the contact does not exist. */
    @Transactional
    public boolean update(UUID accountId, String defaultRegion, long id, ContactPatch patch) {
        int rows = jdbc.sql("""
                        UPDATE contacts SET first_name = COALESCE(:firstName, first_name),
                            last_name = COALESCE(:lastName, last_name), nickname = COALESCE(:nickname, nickname),
                            company = COALESCE(:company, company), job_title = COALESCE(:jobTitle, job_title),
                            birthdate = COALESCE(:birthdate, birthdate), origin = 'user', updated_at = now()
                        WHERE account_id = :account AND id = :id AND merged_into IS NULL""")
                .param("firstName", patch.firstName())
                .param("lastName", patch.lastName())
                .param("nickname", patch.nickname())
                .param("company", patch.company())
                .param("jobTitle", patch.jobTitle())
                .param("birthdate", patch.birthdate())
                .param("account", accountId)
                .param("id", id)
                .update();
        if (rows == 0) {
            return false;
        }
        if (patch.emails() != null) {
            replaceFields(accountId, id, "email", fields("email", patch.emails(), defaultRegion));
        }
        if (patch.phones() != null) {
            replaceFields(accountId, id, "phone", fields("phone", patch.phones(), defaultRegion));
        }
        if (patch.addresses() != null) {
            jdbc.sql("DELETE FROM addresses WHERE account_id = ? AND contact_id = ?").params(accountId, id).update();
            for (ContactDraft.AddressDraft a : patch.addresses()) {
                jdbc.sql("""
                                INSERT INTO addresses (account_id, contact_id, line1, line2, city, region, postal_code,
                                                       country, normalized_key, origin)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'user')""")
                        .params(accountId, id, a.line1(), a.line2(), a.city(), a.region(), a.postalCode(),
                                a.country(), AddressKeys.key(a.line1(), a.postalCode()))
                        .update();
            }
        }
        if (patch.tags() != null) {
            jdbc.sql("DELETE FROM contact_tags WHERE account_id = ? AND contact_id = ?").params(accountId, id).update();
            for (String tag : patch.tags()) {
                jdbc.sql("""
                                WITH t AS (INSERT INTO tags (account_id, name) VALUES (:account, :name)
                                           ON CONFLICT (account_id, lower(name)) DO UPDATE SET name = tags.name
                                           RETURNING id)
                                INSERT INTO contact_tags (account_id, contact_id, tag_id)
                                SELECT :account, :id, t.id FROM t ON CONFLICT DO NOTHING""")
                        .param("account", accountId)
                        .param("name", tag)
                        .param("id", id)
                        .update();
            }
        }
        return true;
    }

    /** Deletes a contact and everything that belongs to it; false when it does not exist. */
    public boolean delete(UUID accountId, long id) {
        return jdbc.sql("DELETE FROM contacts WHERE account_id = ? AND id = ?").params(accountId, id).update() == 1;
    }

    private void replaceFields(UUID accountId, long contactId, String kind, List<Map<String, Object>> fields) {
        jdbc.sql("DELETE FROM contact_fields WHERE account_id = ? AND contact_id = ? AND kind = ?")
                .params(accountId, contactId, kind).update();
        int position = 0;
        for (Map<String, Object> f : fields) {
            jdbc.sql("""
                            INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value, label, position,
                                                        origin)
                            VALUES (?, ?, ?, ?, ?, ?, ?, 'user')""")
                    .params(accountId, contactId, kind, f.get("value"), f.get("raw"), f.get("label"), position++)
                    .update();
        }
    }

    private Map<String, Object> toRow(ContactDraft d, String defaultRegion) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("firstName", d.firstName());
        row.put("lastName", d.lastName());
        row.put("nickname", d.nickname());
        row.put("company", d.company());
        row.put("jobTitle", d.jobTitle());
        row.put("birthdate", d.birthdate() == null ? null : d.birthdate().toString());
        List<Map<String, Object>> fields = new ArrayList<>(fields("email", d.emails(), defaultRegion));
        fields.addAll(fields("phone", d.phones(), defaultRegion));
        row.put("fields", fields);
        List<Map<String, Object>> addresses = new ArrayList<>();
        for (ContactDraft.AddressDraft a : d.addresses()) {
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("line1", a.line1());
            address.put("line2", a.line2());
            address.put("city", a.city());
            address.put("region", a.region());
            address.put("postalCode", a.postalCode());
            address.put("country", a.country());
            address.put("key", AddressKeys.key(a.line1(), a.postalCode()));
            addresses.add(address);
        }
        row.put("addresses", addresses);
        row.put("tags", d.tags().stream().map(String::trim).filter(t -> !t.isEmpty()).toList());
        return row;
    }

    private static List<Map<String, Object>> fields(String kind, List<ContactDraft.FieldDraft> drafts,
                                                    String defaultRegion) {
        List<Map<String, Object>> fields = new ArrayList<>(drafts.size());
        for (ContactDraft.FieldDraft draft : drafts) {
            String raw = draft.value() == null ? "" : draft.value();
            String value = kind.equals("email") ? Emails.canonical(raw) : PhoneNumbers.canonical(raw, defaultRegion);
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("kind", kind);
            field.put("value", value);
            field.put("raw", raw);
            field.put("label", draft.label());
            fields.add(field);
        }
        return fields;
    }

    private Contact map(ResultSet rs, int row) throws SQLException {
        List<Contact.Email> emails = new ArrayList<>();
        List<Contact.Phone> phones = new ArrayList<>();
        PhoneFormat format = PhoneFormat.of(rs.getString("phone_format"));
        for (Map<String, Object> f : json.readValue(rs.getString("fields"), LIST_OF_MAPS)) {
            String label = (String) f.get("label");
            if ("email".equals(f.get("kind"))) {
                emails.add(new Contact.Email((String) f.get("value"), label));
            } else if ("phone".equals(f.get("kind"))) {
                String value = (String) f.get("value");
                String raw = (String) f.get("raw");
                phones.add(new Contact.Phone(value, raw, label, PhoneDisplay.render(value, raw, format)));
            }
        }
        List<Contact.Address> addresses = new ArrayList<>();
        for (Map<String, Object> a : json.readValue(rs.getString("address_list"), LIST_OF_MAPS)) {
            addresses.add(new Contact.Address(((Number) a.get("id")).longValue(), (String) a.get("line1"),
                    (String) a.get("line2"), (String) a.get("city"), (String) a.get("region"),
                    (String) a.get("postalCode"), (String) a.get("country")));
        }
        LocalDate birthdate = rs.getObject("birthdate", LocalDate.class);
        return new Contact(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("nickname"), rs.getString("company"), rs.getString("job_title"), birthdate, emails,
                phones, addresses, json.readValue(rs.getString("tag_list"), LIST_OF_STRINGS),
                rs.getObject("avatar_photo_id", Long.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static String blankToNull(String q) {
        return q == null || q.isBlank() ? null : q.trim();
    }
}
