package dev.kinflow.duplicates;

import dev.kinflow.common.AddressKeys;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes contacts and everything that hangs off them, row by row, for merge and scan tests. */
record Fixtures(JdbcClient jdbc, UUID account) {

    long contact(String first, String last) {
        return jdbc.sql("INSERT INTO contacts (account_id, first_name, last_name) VALUES (?, ?, ?) RETURNING id")
                .params(account, first, last).query(Long.class).single();
    }

    Fixtures field(long contact, String kind, String value) {
        jdbc.sql("INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value) VALUES (?, ?, ?, ?, ?)")
                .params(account, contact, kind, value, value).update();
        return this;
    }

    Fixtures address(long contact, String line1, String postalCode) {
        jdbc.sql("""
                        INSERT INTO addresses (account_id, contact_id, line1, postal_code, normalized_key)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(account, contact, line1, postalCode, AddressKeys.key(line1, postalCode)).update();
        return this;
    }

    Fixtures tag(long contact, String name) {
        jdbc.sql("""
                        WITH t AS (INSERT INTO tags (account_id, name) VALUES (:a, :n)
                                   ON CONFLICT (account_id, lower(name)) DO UPDATE SET name = tags.name RETURNING id)
                        INSERT INTO contact_tags (account_id, contact_id, tag_id) SELECT :a, :c, id FROM t""")
                .param("a", account).param("n", name).param("c", contact).update();
        return this;
    }

    long photo(long contact, String hash) {
        return jdbc.sql("""
                        INSERT INTO photos (account_id, contact_id, content_hash, mime, bytes)
                        VALUES (?, ?, ?, 'image/png', ?) RETURNING id""")
                .params(account, contact, hash, hash.getBytes()).query(Long.class).single();
    }

    Fixtures owned(long contact, String table, String text) {
        String column = switch (table) {
            case "notes" -> "body";
            case "contact_activities" -> "summary";
            case "conversations" -> "channel";
            default -> "title";
        };
        jdbc.sql("INSERT INTO " + table + " (account_id, contact_id, " + column + ") VALUES (?, ?, ?)")
                .params(account, contact, text).update();
        return this;
    }

    Fixtures importRecord(long contact, String sourceId, UUID job) {
        jdbc.sql("""
                        INSERT INTO import_records (account_id, source, source_type, source_id, contact_id, job_id)
                        VALUES (?, 'monica:test', 'contact', ?, ?, ?)""")
                .params(account, sourceId, contact, job).update();
        return this;
    }

    Fixtures relationship(long from, long to, String type) {
        jdbc.sql("INSERT INTO relationships (account_id, contact_id, related_contact_id, type) VALUES (?, ?, ?, ?)")
                .params(account, from, to, type).update();
        return this;
    }

    long candidate(long x, long y, String status) {
        return jdbc.sql("""
                        INSERT INTO duplicate_candidates (account_id, contact_a, contact_b, score, reasons, status)
                        VALUES (?, ?, ?, 0.9, '[]', ?) RETURNING id""")
                .params(account, Math.min(x, y), Math.max(x, y), status).query(Long.class).single();
    }
}
