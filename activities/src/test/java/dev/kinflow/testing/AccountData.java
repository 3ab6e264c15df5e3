package dev.kinflow.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills an account with rows in every account table, with set-based SQL (fast enough for 100,000 contacts), including
 * the awkward references a reset must cope with: merged contacts and conversations, avatar photos, relationships,
 * import records pointing at contacts, finished jobs.
 */
public final class AccountData {

    private AccountData() {
    }

    /** How much to create: contacts, and the messages spread over conversations. */
    public record Shape(int contacts, int messages) {
    }

    public static void seed(JdbcClient jdbc, UUID account, Shape shape) {
        int n = shape.contacts();
        int conversations = Math.max(2, n / 100);
        List<String> statements = new ArrayList<>(List.of(
                """
                INSERT INTO contacts (account_id, first_name, last_name, company, birthdate, origin)
                SELECT :a, 'First' || g, 'Last' || g, 'Company ' || (g % 50), date '1980-01-01' + (g % 9000), 'import'
                FROM generate_series(1, :n) g""",
                """
                UPDATE contacts c SET merged_into = c.id - 1
                WHERE c.account_id = :a AND c.id % 10 = 0
                  AND EXISTS (SELECT 1 FROM contacts p WHERE p.id = c.id - 1 AND p.account_id = :a)""",
                """
                INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value, label, position)
                SELECT :a, id, 'email', 'p' || id || '@example.org', 'P' || id || '@Example.org', 'work', 0
                FROM contacts WHERE account_id = :a""",
                """
                INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value, label, position)
                SELECT :a, id, 'phone', '+3361' || lpad(id::text, 7, '0'), '06 1' || id, 'mobile', 1
                FROM contacts WHERE account_id = :a""",
                """
                INSERT INTO addresses (account_id, contact_id, line1, city, postal_code, country, normalized_key)
                SELECT :a, id, id || ' rue de la Paix', 'Paris', '75002', 'FR',
                       CASE WHEN id % 2 = 0 THEN id || ' rue de la paix|75002' END
                FROM contacts WHERE account_id = :a""",
                """
                INSERT INTO notes (account_id, contact_id, body)
                SELECT :a, id, 'Met at the conference, talked about ' || id FROM contacts WHERE account_id = :a""",
                """
                INSERT INTO tags (account_id, name) SELECT :a, 'tag' || g FROM generate_series(1, 5) g""",
                """
                INSERT INTO contact_tags (account_id, contact_id, tag_id)
                SELECT :a, c.id, t.id FROM contacts c
                JOIN tags t ON t.account_id = :a AND t.name = 'tag' || (c.id % 5 + 1)
                WHERE c.account_id = :a""",
                """
                INSERT INTO photos (account_id, contact_id, content_hash, mime, bytes)
                SELECT :a, id, md5(id::text), 'image/jpeg', decode(repeat('ff', 512), 'hex')
                FROM contacts WHERE account_id = :a AND id % 20 = 0""",
                """
                UPDATE contacts c SET avatar_photo_id = p.id FROM photos p
                WHERE p.contact_id = c.id AND c.account_id = :a""",
                """
                INSERT INTO contact_activities (account_id, contact_id, summary, happened_at)
                SELECT :a, id, 'Lunch', date '2024-05-01' FROM contacts WHERE account_id = :a AND id % 4 = 0""",
                """
                INSERT INTO relationships (account_id, contact_id, related_contact_id, type)
                SELECT :a, id, lead, 'friend' FROM (
                    SELECT id, lead(id) OVER (ORDER BY id) AS lead FROM contacts WHERE account_id = :a) x
                WHERE lead IS NOT NULL AND id % 7 = 0""",
                """
                INSERT INTO reminders (account_id, contact_id, title, next_expected_date)
                SELECT :a, id, 'Call', date '2027-01-01' FROM contacts WHERE account_id = :a AND id % 9 = 0""",
                """
                INSERT INTO reminder_rules (account_id, days_before) VALUES (:a, 30), (:a, 14), (:a, 0)
                ON CONFLICT DO NOTHING""",
                """
                INSERT INTO tasks (account_id, contact_id, title)
                SELECT :a, CASE WHEN id % 2 = 0 THEN id END, 'Send the book' FROM contacts
                WHERE account_id = :a AND id % 11 = 0""",
                """
                INSERT INTO journal_entries (account_id, title, body)
                SELECT :a, 'Day ' || g, 'A quiet day' FROM generate_series(1, 20) g""",
                """
                INSERT INTO conversations (account_id, contact_id, channel, handle, canonical_key, last_message_at)
                SELECT :a, (SELECT min(id) FROM contacts WHERE account_id = :a) + g, 'whatsapp', '+3361' || g,
                       'phone:+3361' || g, now()
                FROM generate_series(1, :conversations) g""",
                """
                UPDATE conversations c SET merged_into = c.id - 1
                WHERE c.account_id = :a AND c.id % 5 = 0
                  AND EXISTS (SELECT 1 FROM conversations p WHERE p.id = c.id - 1 AND p.account_id = :a)""",
                """
                INSERT INTO messages (account_id, conversation_id, direction, body, external_id, sent_at)
                SELECT :a, cv.ids[1 + g % array_length(cv.ids, 1)], CASE WHEN g % 2 = 0 THEN 'in' ELSE 'out' END,
                       'Hello ' || g, :a || '-' || g, timestamptz '2025-01-01' + g * interval '1 minute'
                FROM generate_series(1, :messages) g,
                     (SELECT array_agg(id ORDER BY id) AS ids FROM conversations WHERE account_id = :a) cv""",
                """
                INSERT INTO import_records (account_id, source, source_type, source_id, contact_id)
                SELECT :a, 'monica:https://monica.example', 'contact', id::text, id
                FROM contacts WHERE account_id = :a AND id % 3 = 0""",
                """
                INSERT INTO credentials (id, account_id, kind, nonce, ciphertext)
                VALUES (gen_random_uuid(), :a, 'monica-token', '\\x00'::bytea, '\\x01'::bytea)""",
                """
                INSERT INTO outreach_settings (account_id, max_per_minute, max_per_hour, max_per_day, min_gap_seconds,
                                               ack_timeout_minutes, paused)
                VALUES (:a, 5, 100, 500, 10, 15, true)
                ON CONFLICT (account_id) DO UPDATE SET paused = true, max_per_minute = 5""",
                """
                INSERT INTO import_job_contacts (job_id, account_id, monica_id, via, outcome)
                SELECT :job, :a, g, 'listing', 'created' FROM generate_series(1, 50) g""",
                """
                INSERT INTO import_job_references (job_id, account_id, from_monica_id, to_monica_id, type)
                SELECT :job, :a, g, g + 1, 'friend' FROM generate_series(1, 10) g""",
                """
                INSERT INTO import_job_extra_items (job_id, account_id, kind, monica_contact_id, monica_item_id, via,
                                                    imported)
                SELECT :job, :a, 'notes', g, 1000 + g, 'listing', g % 5 <> 0 FROM generate_series(1, 10) g""",
                """
                INSERT INTO import_photo_outcomes (job_id, account_id, monica_photo_id, outcome)
                SELECT :job, :a, g, CASE WHEN g % 2 = 0 THEN 'synced' ELSE 'no_data_url' END
                FROM generate_series(1, 10) g""",
                """
                INSERT INTO duplicate_candidates (account_id, contact_a, contact_b, score, reasons, status)
                SELECT :a, id - 1, id, 0.85, '[{"signal": "email"}]', CASE WHEN id % 3 = 0 THEN 'dismissed' ELSE 'pending' END
                FROM contacts c WHERE account_id = :a AND id % 10 = 5
                  AND EXISTS (SELECT 1 FROM contacts p WHERE p.id = c.id - 1 AND p.account_id = :a)""",
                """
                INSERT INTO merges (account_id, survivor_id, merged_id, candidate_id, actor, snapshot)
                SELECT :a, c.merged_into, c.id, (SELECT min(id) FROM duplicate_candidates WHERE account_id = :a),
                       'import', '{}'
                FROM contacts c WHERE c.account_id = :a AND c.merged_into IS NOT NULL""",
                """
                INSERT INTO duplicate_scan_state (account_id, watermark, last_full_scan) VALUES (:a, now(), now())""",
                """
                INSERT INTO devices (account_id, name, token_hash) VALUES (:a, 'Phone', 'hash-' || :a)""",
                """
                INSERT INTO outreach_batches (account_id, device_id, template, total)
                SELECT :a, id, 'Hi {{firstName}}', 20 FROM devices WHERE account_id = :a""",
                """
                INSERT INTO outreach_batch_items (account_id, batch_id, contact_id, to_handle, body, status)
                SELECT :a, b.id, c.id, '+33600000000', 'Hi', (ARRAY['pending', 'queued', 'sent', 'failed'])[1 + c.id % 4]
                FROM outreach_batches b, (SELECT id FROM contacts WHERE account_id = :a ORDER BY id LIMIT 20) c
                WHERE b.account_id = :a""",
                """
                INSERT INTO send_queue (account_id, device_id, batch_id, item_id, status)
                SELECT :a, b.device_id, i.batch_id, i.id, CASE i.status WHEN 'queued' THEN
                       CASE WHEN i.contact_id % 8 = 1 THEN 'queued' ELSE 'claimed' END ELSE i.status END
                FROM outreach_batch_items i JOIN outreach_batches b ON b.id = i.batch_id
                WHERE i.account_id = :a AND i.status <> 'pending'""",
                """
                INSERT INTO send_ledger (item_id, account_id, sent_at)
                SELECT id, :a, now() FROM outreach_batch_items WHERE account_id = :a AND status = 'sent'""",
                """
                INSERT INTO backfill_runs (id, account_id, kind, dry_run, batch_size, status)
                VALUES (:job, :a, 'conversation-keys', true, 100, 'completed')""",
                """
                INSERT INTO backfill_conversation_keys (backfill_id, conversation_id, account_id, canonical_key)
                SELECT :job, id, :a, 'phone:' || :a || ':+3361' || id FROM conversations WHERE account_id = :a""",
                """
                INSERT INTO audit_logs (account_id, actor, action, details)
                SELECT :a, 'api', 'contact.update', jsonb_build_object('n', g) FROM generate_series(1, 10) g""",
                """
                INSERT INTO job_runs (id, account_id, kind, workflow_id, status, finished_at)
                VALUES (gen_random_uuid(), :a, 'import', 'import-' || gen_random_uuid(), 'completed', now())"""));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a", account);
        params.put("n", n);
        params.put("messages", shape.messages());
        params.put("conversations", conversations);
        params.put("job", UUID.randomUUID());
        for (String sql : statements) {
            var spec = jdbc.sql(sql);
            for (var p : params.entrySet()) {
                if (sql.contains(":" + p.getKey())) {
                    spec = spec.param(p.getKey(), p.getValue());
                }
            }
            long start = System.nanoTime();
            spec.update();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > 2_000) {
                System.out.printf("AccountData: %d ms for %s%n", millis, sql.strip().lines().findFirst().orElse(""));
            }
        }
    }

    /** Every row of one account, table by table, as text in a stable order: two equal dumps are byte-identical. */
    public static Map<String, List<String>> dump(JdbcClient jdbc, UUID account) {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        dump.put("accounts", jdbc.sql("SELECT a::text FROM accounts a WHERE id = ?").param(account)
                .query(String.class).list());
        for (String table : tablesWithAccountId(jdbc)) {
            dump.put(table, jdbc.sql("SELECT t::text FROM %1$s t WHERE account_id = ? ORDER BY 1".formatted(table))
                    .param(account).query(String.class).list());
        }
        return dump;
    }

    /** Row counts of the account in every table with an {@code account_id}. */
    public static Map<String, Long> counts(JdbcClient jdbc, UUID account) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tablesWithAccountId(jdbc)) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM %s WHERE account_id = ?".formatted(table))
                    .param(account).query(Long.class).single());
        }
        return counts;
    }

    public static List<String> tablesWithAccountId(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT c.table_name FROM information_schema.columns c
                        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE c.table_schema = current_schema() AND c.column_name = 'account_id'
                          AND t.table_type = 'BASE TABLE'
                        ORDER BY 1""")
                .query(String.class).list();
    }
}
