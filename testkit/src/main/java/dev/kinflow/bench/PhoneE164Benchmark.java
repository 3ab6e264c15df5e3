package dev.kinflow.bench;

import dev.kinflow.backfill.BackfillKind;
import dev.kinflow.testing.Jdbc;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code phone-e164} end to end (workflow, activities, PostgreSQL) over {@code phones} phone fields entered in
 * national format before the account had a region (so every value changes), 1 in 50 contacts with the same number
 * twice in two formats (a duplicate to remove) and 1 in 100 values unparseable. Data is generated with set-based SQL.
 *
 * <p>Args: {@code [phones=1000000] [batchSize=5000] [batchesPerRun=100]}. Target: ≥ 20,000 rows/s.
 */
public final class PhoneE164Benchmark {

    private PhoneE164Benchmark() {
    }

    public static void main(String[] args) {
        int phones = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int batchesPerRun = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        try (BackfillBench bench = new BackfillBench()) {
            UUID account = Jdbc.newAccount(bench.jdbc, "Phone benchmark", null);
            long t0 = System.nanoTime();
            int contacts = phones / 2;
            bench.jdbc.sql("""
                            INSERT INTO contacts (account_id, first_name)
                            SELECT ?, 'Contact ' || g FROM generate_series(1, ?) g""")
                    .params(account, contacts).update();
            bench.jdbc.sql("""
                            INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value, position)
                            SELECT c.account_id, c.id, 'phone', v.raw, v.raw, p
                            FROM contacts c, generate_series(1, 2) p,
                                 LATERAL (SELECT CASE
                                     WHEN c.id % 100 = 0 AND p = 2 THEN 'ask the front desk'
                                     WHEN c.id % 50 = 0 AND p = 2 THEN '+33 6 ' || to_char(c.id % 100000000, 'FM00 00 00 00')
                                     ELSE '0' || (5 + p) || ' ' || to_char(c.id % 100000000, 'FM00 00 00 00')
                                 END AS raw) v
                            WHERE c.account_id = ?""")
                    .param(account).update();
            bench.jdbc.sql("UPDATE accounts SET default_region = 'FR' WHERE id = ?").param(account).update();
            bench.jdbc.sql("VACUUM ANALYZE").update();
            System.out.printf(Locale.ROOT, "generated %d phone fields in %.1f s%n", phones, BackfillBench.since(t0));

            BackfillBench.Outcome outcome = bench.run(account, BackfillKind.PHONE_E164, batchSize, batchesPerRun);
            System.out.printf(Locale.ROOT, "phone-e164: %d scanned, %d changed, %d unchanged, %d failed%n",
                    outcome.result().scanned(), outcome.result().changed(), outcome.result().unchanged(),
                    outcome.result().failed());
            System.out.printf(Locale.ROOT, "phone-e164: %.1f s end to end = %.0f rows/s (target >= 20000); "
                            + "batch %d, %d workflow runs, longest run history %d events%n",
                    outcome.seconds(), outcome.result().scanned() / outcome.seconds(), batchSize, outcome.runs(),
                    outcome.longestHistory());
        }
    }
}
