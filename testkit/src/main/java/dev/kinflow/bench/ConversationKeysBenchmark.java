package dev.kinflow.bench;

import dev.kinflow.backfill.BackfillKind;
import dev.kinflow.testing.Jdbc;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code conversation-keys} end to end over {@code conversations} unkeyed conversations (a third linked to contacts,
 * the rest phone handles as E.164 or WhatsApp JIDs, 1 in 200 a LID, 1 in 100 a second conversation with the same
 * person through a JID — merged by the backfill), compared with one hand-written SQL {@code UPDATE} computing the
 * same keys on an identical copy of the data. Data is generated with set-based SQL.
 *
 * <p>Args: {@code [conversations=1000000] [batchSize=5000] [batchesPerRun=100]}. Target: ≥ 0.5 of the UPDATE's
 * throughput.
 */
public final class ConversationKeysBenchmark {

    private static final String KEYS_BY_SQL = """
            UPDATE conversations SET canonical_key = CASE
                WHEN contact_id IS NOT NULL THEN 'contact:' || account_id || ':' || contact_id
                WHEN handle ~ '^\\+[0-9]+$' THEN 'phone:' || account_id || ':' || handle
                WHEN handle ~ '^[0-9]+@s\\.whatsapp\\.net$' THEN 'phone:' || account_id || ':+' || split_part(handle, '@', 1)
                WHEN handle ~ '^[0-9]+@lid$' THEN 'id:' || account_id || ':' || handle
            END, updated_at = now()
            WHERE account_id = ?""";

    private ConversationKeysBenchmark() {
    }

    public static void main(String[] args) {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int batchesPerRun = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        double sqlSeconds;
        try (BackfillBench baseline = new BackfillBench()) {
            UUID account = generate(baseline, conversations);
            long t0 = System.nanoTime();
            baseline.jdbc.sql(KEYS_BY_SQL).param(account).update();
            sqlSeconds = BackfillBench.since(t0);
            System.out.printf(Locale.ROOT, "single SQL UPDATE: %.1f s = %.0f rows/s%n", sqlSeconds,
                    conversations / sqlSeconds);
        }
        try (BackfillBench bench = new BackfillBench()) {
            UUID account = generate(bench, conversations);
            BackfillBench.Outcome outcome = bench.run(account, BackfillKind.CONVERSATION_KEYS, batchSize,
                    batchesPerRun);
            double rate = conversations / outcome.seconds();
            System.out.printf(Locale.ROOT, "conversation-keys: %d scanned, %d changed, %d unchanged, %d failed%n",
                    outcome.result().scanned(), outcome.result().changed(), outcome.result().unchanged(),
                    outcome.result().failed());
            System.out.printf(Locale.ROOT, "conversation-keys backfill (keys + merge + unique index): %.1f s = %.0f "
                            + "rows/s = %.2f of the single UPDATE (target >= 0.5); batch %d, %d workflow runs, "
                            + "longest run history %d events%n", outcome.seconds(), rate,
                    rate / (conversations / sqlSeconds), batchSize, outcome.runs(), outcome.longestHistory());
        }
    }

    private static UUID generate(BackfillBench bench, int conversations) {
        long t0 = System.nanoTime();
        UUID account = Jdbc.newAccount(bench.jdbc, "Conversation benchmark", "FR");
        bench.jdbc.sql("""
                        INSERT INTO contacts (account_id, first_name)
                        SELECT ?, 'Contact ' || g FROM generate_series(1, ?) g""")
                .params(account, conversations / 3).update();
        bench.jdbc.sql("""
                        INSERT INTO conversations (account_id, contact_id, channel, handle, last_message_at)
                        SELECT ?, CASE WHEN g % 3 = 0 THEN (SELECT min(id) FROM contacts) + g / 3 - 1 END, 'whatsapp',
                               CASE WHEN g % 200 = 1 THEN (1000000000 + g) || '@lid'
                                    WHEN g % 100 = 2 THEN '336' || to_char(g - 1, 'FM00000000') || '@s.whatsapp.net'
                                    WHEN g % 2 = 0 THEN '+336' || to_char(g, 'FM00000000')
                                    ELSE '336' || to_char(g, 'FM00000000') || '@s.whatsapp.net' END,
                               timestamptz '2026-01-01' + g * interval '1 second'
                        FROM generate_series(1, ?) g""")
                .params(account, conversations).update();
        bench.jdbc.sql("VACUUM ANALYZE").update();
        System.out.printf(Locale.ROOT, "generated %d conversations in %.1f s%n", conversations,
                BackfillBench.since(t0));
        return account;
    }
}
