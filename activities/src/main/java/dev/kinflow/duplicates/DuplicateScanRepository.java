package dev.kinflow.duplicates;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Candidate generation and storage of a duplicate scan: all comparisons run in PostgreSQL with blocking. */
@Repository
public class DuplicateScanRepository {

    /**
     * Incremental scans start this long before the previous scan's start, so rows written by transactions that were
     * still open when it started are not missed (rescanning is an idempotent upsert).
     */
    static final Duration WATERMARK_OVERLAP = Duration.ofMinutes(5);

    /**
     * Trigram similarity at which two names with the same birthdate become a pair worth scoring (low enough for
     * nicknames: "bob smith" and "robert smith" are 0.35).
     */
    static final double NAME_BLOCKING_THRESHOLD = 0.3;
    /**
     * When PostgreSQL's statistics estimate the account's contacts at less than a tenth of what it has (and it has at
     * least this many), the scan first refreshes them ({@code ANALYZE}: a sample of each table, well under a second).
     * That is the state right after a big first import: statistics that do not know the account plan every look-up
     * for one row, the key probes then used an index on {@code account_id} alone and filtered the whole account per
     * key, and a 500-contact chunk ran past its heartbeat timeout again and again.
     */
    static final long STALE_STATISTICS_FROM = 1_000;

    private static final String LIVE = "merged_into IS NULL AND NOT is_partial";

    private static final String ALL_SOURCES = """
            SELECT id FROM contacts WHERE account_id = :account AND id > :after AND %s ORDER BY id LIMIT :limit"""
            .formatted(LIVE);

    private static final String CHANGED_SOURCES = """
            SELECT c.id FROM (
                SELECT id FROM contacts WHERE account_id = :account AND updated_at > :since
                UNION SELECT contact_id FROM contact_fields WHERE account_id = :account AND updated_at > :since
                UNION SELECT contact_id FROM addresses WHERE account_id = :account AND updated_at > :since
            ) changed JOIN contacts c ON c.id = changed.id
            WHERE c.id > :after AND c.merged_into IS NULL AND NOT c.is_partial ORDER BY c.id LIMIT :limit""";

    private static final String PAIRS = """
            WITH src AS MATERIALIZED (
                SELECT id, name_norm, birthdate FROM contacts
                WHERE account_id = :account AND id = ANY(CAST(:ids AS bigint[]))
            ), src_keys AS MATERIALIZED (
            """ + MatchKeys.keysOf("contact_id = ANY(CAST(:ids AS bigint[]))") + """
            ), probes AS (
                -- one index probe per key (OFFSET 0 / LIMIT keep the planner from a hash join over every field); a
                -- probe reads at most :cap other contacts: reaching :cap means the key is shared by more than :cap
                -- contacts, and makes no pairs (hits below)
                SELECT s.contact_id AS src, o.contact_id AS other, s.signal, s.key FROM src_keys s
                CROSS JOIN LATERAL (
                    SELECT f.contact_id FROM contact_fields f
                    WHERE f.account_id = :account AND f.kind = s.signal AND f.value = s.key
                      AND f.contact_id <> s.contact_id LIMIT :cap) o
                WHERE s.signal <> 'address'
                UNION ALL
                SELECT s.contact_id, o.contact_id, s.signal, s.key FROM src_keys s
                CROSS JOIN LATERAL (
                    SELECT a.contact_id FROM addresses a
                    WHERE a.account_id = :account AND a.normalized_key = s.key
                      AND a.contact_id <> s.contact_id LIMIT :cap) o
                WHERE s.signal = 'address'
                UNION ALL
                -- one probe of (account_id, birthdate) per source contact: as a join, with statistics that did not
                -- know the account yet, the planner scanned the whole account for each source contact
                SELECT s.id, o.id, 'name', NULL FROM src s
                CROSS JOIN LATERAL (
                    SELECT c.id FROM contacts c
                    WHERE c.account_id = :account AND c.birthdate = s.birthdate AND c.id <> s.id
                      AND c.name_norm % s.name_norm LIMIT :cap) o
                WHERE s.birthdate IS NOT NULL
            ), hits AS (
                SELECT src, other, signal, key FROM (
                    SELECT p.*, count(*) OVER (PARTITION BY src, signal, key) AS sharing FROM probes p) x
                WHERE sharing < :cap
            ), pairs AS MATERIALIZED (
                -- computed once: inlined, with statistics that did not know the account yet, the planner put the
                -- account's contacts on the outer side of a nested loop and recomputed every pair for each of them
                SELECT least(src, other) AS a, greatest(src, other) AS b,
                       jsonb_agg(DISTINCT jsonb_build_object('signal', signal, 'value', key))
                           FILTER (WHERE signal <> 'name') AS shared
                FROM hits GROUP BY 1, 2
            )
            SELECT p.a, p.b, CAST(coalesce(p.shared, '[]') AS text) AS shared,
                   similarity(ca.name_norm, cb.name_norm) AS sim,
                   ca.first_name AS a_first, ca.last_name AS a_last, ca.name_norm AS a_norm, ca.birthdate AS a_birth,
                   cb.first_name AS b_first, cb.last_name AS b_last, cb.name_norm AS b_norm, cb.birthdate AS b_birth,
                   (SELECT count(*) FROM contact_fields f WHERE f.contact_id = ca.id AND f.kind = 'email') AS a_emails,
                   (SELECT count(*) FROM contact_fields f WHERE f.contact_id = cb.id AND f.kind = 'email') AS b_emails,
                   (SELECT count(*) FROM contact_fields f WHERE f.contact_id = ca.id AND f.kind = 'phone'
                        AND f.value ~ '^\\+[1-9][0-9]{6,14}$') AS a_phones,
                   (SELECT count(*) FROM contact_fields f WHERE f.contact_id = cb.id AND f.kind = 'phone'
                        AND f.value ~ '^\\+[1-9][0-9]{6,14}$') AS b_phones
            FROM pairs p JOIN contacts ca ON ca.id = p.a JOIN contacts cb ON cb.id = p.b
            WHERE ca.account_id = :account AND cb.account_id = :account
              AND ca.merged_into IS NULL AND cb.merged_into IS NULL AND NOT ca.is_partial AND NOT cb.is_partial""";

    private static final TypeReference<List<PairEvidence.SharedKey>> SHARED = new TypeReference<>() {
    };

    /**
     * After a full scan: the keys shared by more than {@code :cap} live contacts, largest first (one aggregate over the
     * account, like the scan itself). Kind and count only.
     */
    private static final String SKIPPED_KEYS_ALL = """
            SELECT signal, count(DISTINCT contact_id) AS contacts FROM (
            """ + MatchKeys.keysOf("contact_id IN (SELECT id FROM contacts WHERE account_id = :account AND " + LIVE
            + ")") + """
            ) k GROUP BY signal, key HAVING count(DISTINCT contact_id) > :cap
            ORDER BY contacts DESC, signal LIMIT :reported""";
    /**
     * After an incremental scan: the same, for the keys of the contacts that changed only (one index count per key,
     * so an incremental scan never aggregates the whole account).
     */
    private static final String SKIPPED_KEYS_CHANGED = """
            WITH keys AS MATERIALIZED (
                SELECT DISTINCT signal, key FROM (
            """ + MatchKeys.keysOf("contact_id IN (SELECT id FROM (" + CHANGED_SOURCES + ") s)") + """
                ) k
            ), counted AS (
                SELECT k.signal, (SELECT count(DISTINCT f.contact_id) FROM contact_fields f
                                  JOIN contacts c ON c.id = f.contact_id AND c.merged_into IS NULL AND NOT c.is_partial
                                  WHERE f.account_id = :account AND f.kind = k.signal AND f.value = k.key) AS contacts
                FROM keys k WHERE k.signal <> 'address'
                UNION ALL
                SELECT k.signal, (SELECT count(DISTINCT a.contact_id) FROM addresses a
                                  JOIN contacts c ON c.id = a.contact_id AND c.merged_into IS NULL AND NOT c.is_partial
                                  WHERE a.account_id = :account AND a.normalized_key = k.key) AS contacts
                FROM keys k WHERE k.signal = 'address'
            )
            SELECT signal, contacts FROM counted WHERE contacts > :cap ORDER BY contacts DESC, signal LIMIT :reported""";
    static final int SKIPPED_KEYS_REPORTED = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final int maxKeyContacts;

    public DuplicateScanRepository(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json) {
        this(jdbc, transactions, json, new DuplicateScanProperties(DuplicateScanProperties.DEFAULT_MAX_KEY_CONTACTS));
    }

    @Autowired
    public DuplicateScanRepository(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json,
                                   DuplicateScanProperties properties) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.maxKeyContacts = properties.maxKeyContacts();
    }

    /**
     * The scan's plan: full when asked or when the account was never scanned, else since the last watermark. Refreshes
     * the statistics first when they do not know the account ({@link #STALE_STATISTICS_FROM}).
     */
    public ScanPlan plan(UUID account, boolean full) {
        OffsetDateTime now = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
        OffsetDateTime watermark = jdbc.sql("SELECT watermark FROM duplicate_scan_state WHERE account_id = ?")
                .param(account).query(OffsetDateTime.class).optional().orElse(null);
        OffsetDateTime since = full || watermark == null ? null : watermark.minus(WATERMARK_OVERLAP);
        long sources = since == null
                ? jdbc.sql("SELECT count(*) FROM contacts WHERE account_id = ? AND " + LIVE).param(account)
                        .query(Long.class).single()
                : jdbc.sql("SELECT count(*) FROM (" + CHANGED_SOURCES + ") s")
                        .param("account", account).param("since", since).param("after", 0L)
                        .param("limit", Integer.MAX_VALUE).query(Long.class).single();
        refreshStatisticsIfStale(account);
        return new ScanPlan(since == null ? null : since.toString(), now.toString(), sources);
    }

    private void refreshStatisticsIfStale(UUID account) {
        long contacts = jdbc.sql("SELECT count(*) FROM contacts WHERE account_id = ?").param(account)
                .query(Long.class).single();
        if (contacts < STALE_STATISTICS_FROM) {
            return;
        }
        String plan = jdbc.sql("EXPLAIN (FORMAT JSON) SELECT 1 FROM contacts WHERE account_id = ?").param(account)
                .query(String.class).single();
        long estimated = json.readTree(plan).path(0).path("Plan").path("Plan Rows").asLong(0);
        if (estimated * 10 < contacts) {
            jdbc.sql("ANALYZE contacts, contact_fields, addresses").update();
        }
    }

    /** The next source contact ids after {@code afterId}. */
    public List<Long> sources(UUID account, String since, long afterId, int limit) {
        var statement = jdbc.sql(since == null ? ALL_SOURCES : CHANGED_SOURCES)
                .param("account", account).param("after", afterId).param("limit", limit);
        if (since != null) {
            statement = statement.param("since", OffsetDateTime.parse(since));
        }
        return statement.query(Long.class).list();
    }

    /** Every pair that involves one of {@code ids} and shares a key or a similar name, with its evidence. */
    public List<PairEvidence> pairs(UUID account, List<Long> ids) {
        return tx.execute(status -> {
            jdbc.sql("SELECT set_config('pg_trgm.similarity_threshold', ?, true)")
                    .param(Double.toString(NAME_BLOCKING_THRESHOLD)).query(String.class).single();
            return jdbc.sql(PAIRS).param("account", account).param("ids", MergeService.pgArray(ids))
                    .param("cap", maxKeyContacts).query(this::evidence).list();
        });
    }

    private PairEvidence evidence(ResultSet rs, int row) throws SQLException {
        return new PairEvidence(rs.getLong("a"), rs.getLong("b"), json.readValue(rs.getString("shared"), SHARED),
                rs.getDouble("sim"),
                new PairEvidence.Person(rs.getString("a_first"), rs.getString("a_last"), rs.getString("a_norm"),
                        rs.getInt("a_emails"), rs.getInt("a_phones"), rs.getObject("a_birth", LocalDate.class)),
                new PairEvidence.Person(rs.getString("b_first"), rs.getString("b_last"), rs.getString("b_norm"),
                        rs.getInt("b_emails"), rs.getInt("b_phones"), rs.getObject("b_birth", LocalDate.class)));
    }

    /**
     * Upserts the qualifying pairs of these source contacts (status untouched: a dismissed pair stays dismissed) and
     * removes their pending pairs that no longer qualify. Returns the number of rows inserted or changed.
     */
    public int store(UUID account, List<Long> sources, List<DuplicateScorer.Scored> scored) {
        List<Map<String, Object>> rows = new ArrayList<>(scored.size());
        for (DuplicateScorer.Scored s : scored) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("a", s.a());
            r.put("b", s.b());
            r.put("score", s.score());
            r.put("reasons", s.reasons());
            rows.add(r);
        }
        String rowsJson = json.writeValueAsString(rows);
        return tx.execute(status -> {
            // candidates grow fastest during the first scan, before autovacuum has analysed them: the planner,
            // believing the table empty, would scan it once per source contact (measured: up to 4 s per batch)
            jdbc.sql("SELECT set_config('enable_seqscan', 'off', true)").query(String.class).single();
            jdbc.sql("""
                            WITH src AS MATERIALIZED (SELECT unnest(CAST(:ids AS bigint[])) AS id),
                            keep AS MATERIALIZED (
                                SELECT a, b FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(a bigint, b bigint)),
                            -- one probe of the contact_a / contact_b index per source contact (OFFSET 0 keeps it a
                            -- probe; filtering outside keeps the planner off the (account, status) index)
                            involved AS (
                                SELECT x.* FROM src CROSS JOIN LATERAL (
                                    SELECT d.id, d.account_id, d.status, d.contact_a, d.contact_b
                                    FROM duplicate_candidates d WHERE d.contact_a = src.id OFFSET 0) x
                                WHERE x.account_id = :account AND x.status = 'pending'
                                UNION
                                SELECT x.* FROM src CROSS JOIN LATERAL (
                                    SELECT d.id, d.account_id, d.status, d.contact_a, d.contact_b
                                    FROM duplicate_candidates d WHERE d.contact_b = src.id OFFSET 0) x
                                WHERE x.account_id = :account AND x.status = 'pending')
                            DELETE FROM duplicate_candidates d USING involved i
                            WHERE d.id = i.id AND NOT EXISTS (
                                SELECT 1 FROM keep k WHERE k.a = i.contact_a AND k.b = i.contact_b)""")
                    .param("account", account).param("ids", MergeService.pgArray(sources)).param("rows", rowsJson)
                    .update();
            return jdbc.sql("""
                            INSERT INTO duplicate_candidates AS d (account_id, contact_a, contact_b, score, reasons)
                            SELECT :account, r.a, r.b, r.score, r.reasons
                            FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(a bigint, b bigint, score float8, reasons jsonb)
                            ORDER BY r.a, r.b
                            ON CONFLICT (account_id, contact_a, contact_b) DO UPDATE
                                SET score = EXCLUDED.score, reasons = EXCLUDED.reasons, updated_at = now()
                                WHERE (d.score, d.reasons) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.reasons)""")
                    .param("account", account).param("rows", rowsJson).update();
        });
    }

    /**
     * The keys shared by more than the cap of live contacts (see {@link DuplicateScanProperties}), largest first, at
     * most {@link #SKIPPED_KEYS_REPORTED}: of the whole account after a full scan ({@code since} null), else of the
     * contacts changed since {@code since}.
     */
    public List<SkippedKey> skippedKeys(UUID account, String since) {
        var statement = jdbc.sql(since == null ? SKIPPED_KEYS_ALL : SKIPPED_KEYS_CHANGED)
                .param("account", account).param("cap", maxKeyContacts).param("reported", SKIPPED_KEYS_REPORTED);
        if (since != null) {
            statement = statement.param("since", OffsetDateTime.parse(since)).param("after", 0L)
                    .param("limit", Integer.MAX_VALUE);
        }
        return statement.query((rs, row) -> new SkippedKey(rs.getString("signal"), rs.getLong("contacts"))).list();
    }

    /** Moves the account's watermark to the scan's start, never backwards. */
    public void finish(UUID account, String until, boolean full) {
        OffsetDateTime at = OffsetDateTime.parse(until);
        jdbc.sql("""
                        INSERT INTO duplicate_scan_state AS s (account_id, watermark, last_full_scan)
                        VALUES (:account, :at, CASE WHEN :full THEN CAST(:at AS timestamptz) END)
                        ON CONFLICT (account_id) DO UPDATE
                            SET watermark = greatest(s.watermark, EXCLUDED.watermark),
                                last_full_scan = coalesce(greatest(s.last_full_scan, EXCLUDED.last_full_scan),
                                                          s.last_full_scan, EXCLUDED.last_full_scan),
                                updated_at = now()""")
                .param("account", account).param("at", at).param("full", full).update();
    }
}
