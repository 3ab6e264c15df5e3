package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The page write against real PostgreSQL: idempotent, exact outcomes, concurrent overlapping pages, user edits. */
class ImportWriterTest {

    static final String SOURCE = "monica:https://monica.test";
    static JdbcClient jdbc;
    static ImportWriter writer;

    @BeforeAll
    static void setUp() {
        DataSource ds = TestDatabase.fresh().dataSource();
        jdbc = Jdbc.client(ds);
        writer = new ImportWriter(jdbc, Jdbc.JSON, new TransactionTemplate(new DataSourceTransactionManager(ds)));
    }

    @Test
    void aPageWrittenTwiceCreatesEachContactOnceAndTheSecondWriteChangesNothing() {
        UUID account = Jdbc.newAccount(jdbc, "Writer", "FR");
        UUID job = UUID.randomUUID();
        List<ImportedContact> page = contacts(1, 100, "Martin");

        ImportWriter.Written first = writer.writeContacts(account, job, SOURCE, "listing", page);
        String before = snapshot(account);
        ImportWriter.Written second = writer.writeContacts(account, job, SOURCE, "listing", page);

        assertThat(first.outcomes().values()).hasSize(100).containsOnly("created");
        assertThat(second.outcomes().values()).hasSize(100).containsOnly("unchanged");
        assertThat(second.written()).isZero();
        assertThat(snapshot(account)).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = ?", account)).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM contact_fields WHERE account_id = ? AND kind = 'phone' "
                + "AND value = '+33612345678'", account)).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM addresses WHERE account_id = ?", account)).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM contact_tags WHERE account_id = ?", account)).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM tags WHERE account_id = ?", account)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM import_job_contacts WHERE job_id = ? AND outcome = 'created'", job))
                .isEqualTo(100);
        assertThat(count("SELECT count(*) FROM import_job_references WHERE job_id = ?", job)).isEqualTo(100);
    }

    @Test
    void aChangedContactIsUpdatedButFieldsAUserEditedSurvive() {
        UUID account = Jdbc.newAccount(jdbc, "Edits", "FR");
        writer.writeContacts(account, UUID.randomUUID(), SOURCE, "listing", contacts(1, 2, "Martin"));
        long edited = contactOf(account, 1);
        jdbc.sql("UPDATE contacts SET first_name = 'Mine', origin = 'user' WHERE id = ?").param(edited).update();
        jdbc.sql("INSERT INTO contact_fields (account_id, contact_id, kind, value, raw_value, origin) "
                + "VALUES (?, ?, 'email', 'mine@example.org', 'mine@example.org', 'user')").params(account, edited).update();

        UUID again = UUID.randomUUID();
        ImportWriter.Written second = writer.writeContacts(account, again, SOURCE, "listing",
                contacts(1, 2, "Durand"));
        ImportWriter.Written third = writer.writeContacts(account, again, SOURCE, "listing",
                contacts(1, 2, "Durand"));

        assertThat(second.outcomes()).containsOnly(Map.entry(1L, "updated"), Map.entry(2L, "updated"));
        assertThat(third.outcomes()).containsOnly(Map.entry(1L, "unchanged"), Map.entry(2L, "unchanged"));
        assertThat(jdbc.sql("SELECT first_name || ' ' || last_name FROM contacts WHERE id = ?").param(edited)
                .query(String.class).single()).isEqualTo("Mine Martin");
        assertThat(jdbc.sql("SELECT last_name FROM contacts WHERE id = ?").param(contactOf(account, 2))
                .query(String.class).single()).isEqualTo("Durand");
        assertThat(jdbc.sql("SELECT value FROM contact_fields WHERE contact_id = ? AND kind = 'email' ORDER BY value")
                .param(edited).query(String.class).list()).containsExactly("c1@example.org", "mine@example.org");
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = ?", account)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM addresses WHERE account_id = ?", account)).isEqualTo(2);
    }

    @Test
    void concurrentPagesThatOverlapCreateEveryContactAndTagExactlyOnce() throws Exception {
        UUID account = Jdbc.newAccount(jdbc, "Concurrent", "FR");
        UUID job = UUID.randomUUID();
        List<Callable<ImportWriter.Written>> pages = new ArrayList<>();
        for (int page = 0; page < 8; page++) {
            long from = page * 80L + 1;
            List<ImportedContact> contacts = contacts(from, from + 99, "Petit");
            pages.add(() -> writer.writeContacts(account, job, SOURCE, "listing", contacts));
        }
        List<String> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<ImportWriter.Written> done : pool.invokeAll(pages)) {
                outcomes.addAll(done.get().outcomes().values());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = ?", account)).isEqualTo(660);
        assertThat(outcomes.stream().filter("created"::equals).count()).isEqualTo(660);
        assertThat(outcomes.stream().filter("unchanged"::equals).count()).isEqualTo(8 * 100 - 660);
        assertThat(count("SELECT count(*) FROM import_job_contacts WHERE job_id = ?", job)).isEqualTo(660);
        assertThat(count("SELECT count(DISTINCT contact_id) FROM import_records WHERE account_id = ? "
                + "AND source_type = 'contact'", account)).isEqualTo(660);
        assertThat(count("SELECT count(*) FROM contact_fields WHERE account_id = ?", account)).isEqualTo(2 * 660);
        assertThat(count("SELECT count(*) FROM tags WHERE account_id = ?", account)).isEqualTo(2);
        // both tags are new to the account and created by whichever page came first: every contact still gets them
        assertThat(count("SELECT count(*) FROM contact_tags WHERE account_id = ?", account)).isEqualTo(2 * 660);
    }

    /** Monica contacts {@code from..to} with an email, a national French phone, an address, two tags and a link. */
    private static List<ImportedContact> contacts(long from, long to, String lastName) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> ImportedContact.from(Jdbc.JSON.readTree("""
                {"id": %1$d, "first_name": "C%1$d", "last_name": "%2$s", "is_partial": false, "is_active": true,
                 "information": {"relationships": {"friend": {"total": 1, "contacts": [
                     {"relationship": {"name": "friend"}, "contact": {"id": %3$d}}]}}},
                 "contactFields": [
                   {"id": %4$d, "content": "C%1$d@Example.org", "contact_field_type": {"type": "email"}},
                   {"id": %5$d, "content": "06 12 34 56 78", "contact_field_type": {"type": "phone"}}],
                 "addresses": [{"id": %1$d, "street": "%1$d rue de la Paix", "city": "Paris", "postal_code": "75002",
                                "country": {"iso": "FR"}}],
                 "tags": [{"name": "family"}, {"name": "Friends"}]}
                """.formatted(id, lastName, id + 1000, id * 2, id * 2 + 1)), "FR")).toList();
    }

    private static long contactOf(UUID account, long monicaId) {
        return jdbc.sql("SELECT contact_id FROM import_records WHERE account_id = ? AND source_type = 'contact' "
                + "AND source_id = ?").params(account, String.valueOf(monicaId)).query(Long.class).single();
    }

    private static String snapshot(UUID account) {
        return String.join("\n", jdbc.sql("""
                        SELECT 'c' || c.id || c.first_name || coalesce(c.last_name, '') || c.updated_at FROM contacts c
                        WHERE c.account_id = :a
                        UNION ALL SELECT 'f' || f.id || f.value FROM contact_fields f WHERE f.account_id = :a
                        UNION ALL SELECT 'a' || a.id || a.line1 FROM addresses a WHERE a.account_id = :a
                        UNION ALL SELECT 'r' || r.id || r.updated_at FROM import_records r WHERE r.account_id = :a
                        ORDER BY 1""").param("a", account).query(String.class).list());
    }

    private static long count(String sql, UUID param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }
}
