package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Extra data against real PostgreSQL: account-wide listing pages and a contact's own list written twice (the second
 * write changes nothing), items mapped to the first imported of their contacts, items of contacts that are not
 * imported counted and skipped, and the shortfall against the contacts' statistics.
 */
class ExtraItemWriterTest {

    static final String SOURCE = "monica:https://monica.test";
    static JdbcClient jdbc;
    static ImportWriter contacts;
    static ExtraItemWriter items;
    static ImportDataActivitiesImpl data;

    @BeforeAll
    static void setUp() {
        DataSource ds = TestDatabase.fresh().dataSource();
        jdbc = Jdbc.client(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        contacts = new ImportWriter(jdbc, Jdbc.JSON, tx);
        items = new ExtraItemWriter(jdbc, Jdbc.JSON, tx);
        data = new ImportDataActivitiesImpl(jdbc, null, null);
    }

    @Test
    void listingsAndContactListsWriteEachItemOnceOnItsContactAndTheShortfallIsWhatTheStatisticsStillMiss() {
        UUID account = Jdbc.newAccount(jdbc, "Extra", "FR");
        UUID job = UUID.randomUUID();
        ImportJobRef ref = new ImportJobRef(account.toString(), job.toString(), SOURCE, UUID.randomUUID().toString());
        // contacts 1 and 2: two notes and one activity each by their statistics; 99 is not imported (archived)
        contacts.writeContacts(account, job, SOURCE, "listing", LongStream.rangeClosed(1, 2).mapToObj(id ->
                ImportedContact.from(json("""
                        {"id": %d, "first_name": "C", "is_partial": false, "is_active": true,
                         "statistics": {"number_of_notes": 2, "number_of_activities": 1, "number_of_reminders": 0,
                                        "number_of_tasks": 0}}""".formatted(id)), "FR")).toList());
        List<ExtraItemWriter.Item> notes = List.of(note(501, 1), note(502, 1), note(503, 99));
        List<ExtraItemWriter.Item> activities = List.of(new ExtraItemWriter.Item(ExtraItems.map(
                MonicaTarget.ACTIVITIES, json("""
                        {"id": 601, "summary": "Lunch", "happened_at": "2024-01-02",
                         "attendees": {"total": 3, "contacts": [{"id": 99}, {"id": 2}, {"id": 1}]}}""")),
                ExtraItems.contacts(MonicaTarget.ACTIVITIES, json("""
                        {"attendees": {"contacts": [{"id": 99}, {"id": 2}, {"id": 1}]}}"""))));

        ExtraItemWriter.Written first = items.writeListed(account, job, SOURCE, MonicaTarget.NOTES, notes);
        ExtraItemWriter.Written again = items.writeListed(account, job, SOURCE, MonicaTarget.NOTES, notes);
        items.writeListed(account, job, SOURCE, MonicaTarget.ACTIVITIES, activities);
        ExtraItemWriter.Written activitiesAgain = items.writeListed(account, job, SOURCE, MonicaTarget.ACTIVITIES,
                activities);

        assertThat(first).isEqualTo(new ExtraItemWriter.Written(2, 1));
        assertThat(again).isEqualTo(new ExtraItemWriter.Written(0, 1));
        assertThat(activitiesAgain).isEqualTo(new ExtraItemWriter.Written(0, 0));
        assertThat(count("SELECT count(*) FROM notes WHERE account_id = ? AND contact_id = " + contactOf(account, 1),
                account)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM contact_activities WHERE account_id = ? AND contact_id = "
                + contactOf(account, 2), account)).as("an activity goes to its first imported attendee").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM contact_activities WHERE account_id = ?", account)).isEqualTo(1);
        assertThat(data.extraDataShortfall(new IdQuery(ref, 0, 0, 100)))
                .as("contact 2 has its activity but neither of its notes")
                .isEqualTo(new IdBatch(List.of(2L), List.of("notes")));

        List<java.util.Map<String, Object>> own = List.of(ExtraItems.map(MonicaTarget.NOTES, json(
                "{\"id\": 504, \"body\": \"a\"}")), ExtraItems.map(MonicaTarget.NOTES, json(
                "{\"id\": 505, \"body\": \"b\"}")));
        assertThat(items.writeForContact(account, job, SOURCE, MonicaTarget.NOTES, 2, own).written()).isEqualTo(2);
        assertThat(items.writeForContact(account, job, SOURCE, MonicaTarget.NOTES, 2, own).written()).isZero();

        assertThat(data.extraDataShortfall(new IdQuery(ref, 0, 0, 100)).ids()).isEmpty();
        assertThat(data.extraDataCheck(ref)).isEqualTo(new ExtraDataCheck(4, 1, 0));
        assertThat(count("SELECT count(*) FROM notes WHERE account_id = ?", account)).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM import_job_extra_items WHERE account_id = ?", account))
                .as("received: 3 listed notes, the activity for its 3 attendees, 2 notes of a contact's list")
                .isEqualTo(8);
    }

    @Test
    void aContactShortOfWhatItsStatisticsCountIsReportedMissingUntilItArrives() {
        UUID account = Jdbc.newAccount(jdbc, "Missing", "FR");
        UUID job = UUID.randomUUID();
        ImportJobRef ref = new ImportJobRef(account.toString(), job.toString(), SOURCE, UUID.randomUUID().toString());
        contacts.writeContacts(account, job, SOURCE, "listing", List.of(ImportedContact.from(json("""
                {"id": 7, "first_name": "C", "is_partial": false, "is_active": true,
                 "statistics": {"number_of_notes": 0, "number_of_activities": 0, "number_of_reminders": 2,
                                "number_of_tasks": 1}}"""), "FR")));

        assertThat(data.extraDataShortfall(new IdQuery(ref, 0, 0, 100)))
                .isEqualTo(new IdBatch(List.of(7L), List.of("reminders,tasks")));
        assertThat(data.extraDataCheck(ref)).isEqualTo(new ExtraDataCheck(0, 0, 3));
        assertThat(data.extraDataShortfall(new IdQuery(ref, 7, 0, 100)).ids()).as("after the cursor").isEmpty();
    }

    private static ExtraItemWriter.Item note(long id, long contact) {
        JsonNode node = json("{\"id\": %d, \"body\": \"note %d\", \"contact\": {\"id\": %d}}".formatted(id, id,
                contact));
        return new ExtraItemWriter.Item(ExtraItems.map(MonicaTarget.NOTES, node),
                ExtraItems.contacts(MonicaTarget.NOTES, node));
    }

    private static JsonNode json(String text) {
        return Jdbc.JSON.readTree(text);
    }

    private static long contactOf(UUID account, long monicaId) {
        return jdbc.sql("SELECT contact_id FROM import_records WHERE account_id = ? AND source_type = 'contact' "
                + "AND source_id = ?").params(account, String.valueOf(monicaId)).query(Long.class).single();
    }

    private static long count(String sql, UUID param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }
}
