package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinflow.imports.ImportFileRepository.StoredChunk;
import dev.kinflow.imports.ImportFileRepository.StoredFile;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The file import's fast path ({@code COPY}) writes exactly what the Monica page writer writes for the same new
 * records (contacts, fields, addresses, tags, notes and the records' import records; every column but generated ids
 * and timestamps), but none of the per-child bookkeeping rows; the page writer then recognises every record it wrote
 * as unchanged (the same content hash on both paths) and writes nothing; and writing the records again fails on the
 * import records' key without writing anything.
 */
class FreshRecordWriterTest {

    static JdbcClient jdbc;
    static TransactionTemplate tx;
    static ImportFileRepository files;
    static FileUploadStore uploads;
    static ImportWriter pageWriter;
    static FreshRecordWriter freshWriter;

    @BeforeAll
    static void setUp() {
        DataSource ds = TestDatabase.fresh().dataSource();
        jdbc = Jdbc.client(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        files = new ImportFileRepository(jdbc, Jdbc.JSON);
        uploads = new FileUploadStore(files, tx);
        pageWriter = new ImportWriter(jdbc, Jdbc.JSON, tx);
        freshWriter = new FreshRecordWriter(jdbc, ds, new ExtraItemWriter(jdbc, Jdbc.JSON, tx));
    }

    @ParameterizedTest
    @ValueSource(strings = {"google-contacts.csv", "outlook.csv", "plain-excel-semicolon.csv", "icloud-3.0.vcf",
            "android-2.1.vcf", "vcard-4.0.vcf"})
    void writesWhatThePageWriterWritesAndTheSameRecordsAgainWriteNothing(String name) {
        UUID viaFastPath = Jdbc.newAccount(jdbc, "Fast " + name, "FR");
        UUID viaPageWriter = Jdbc.newAccount(jdbc, "Page " + name, "FR");
        UUID job = UUID.randomUUID();
        UUID pageJob = UUID.randomUUID();
        FileFormat format = name.endsWith(".vcf") ? FileFormat.VCARD : FileFormat.CSV;
        StoredFile fast = uploads.store(viaFastPath, format, FileImportActivitiesTest.resource(name),
                FileImportActivitiesTest.options(null, name.equals("outlook.csv")
                        ? java.nio.charset.Charset.forName("windows-1252") : null, "imported", "Friends"));
        StoredFile page = uploads.store(viaPageWriter, format, FileImportActivitiesTest.resource(name),
                FileImportActivitiesTest.options(null, name.equals("outlook.csv")
                        ? java.nio.charset.Charset.forName("windows-1252") : null, "imported", "Friends"));
        List<FileContact> contacts = contacts(fast);
        assertThat(contacts).isNotEmpty();
        assertThat(freshWriter.noneImported(viaFastPath, fast.source(), contacts)).isTrue();

        int created = tx.execute(status -> freshWriter.write(viaFastPath, job, fast.source(), contacts));
        ImportWriter.Written expected = pageWriter.writeContacts(viaPageWriter, pageJob, page.source(), "file",
                contacts(page).stream().map(FileContact::toImported).toList());

        assertThat(created).isEqualTo(contacts.size());
        assertThat(expected.outcomes().values()).containsOnly("created").hasSize(contacts.size());
        assertThat(dump(viaFastPath, job)).isEqualTo(dump(viaPageWriter, pageJob)).isNotEmpty();
        if (!name.startsWith("plain-")) {
            assertThat(dump(viaFastPath, job)).as("labels written").containsPattern("(?m)^f .*\\|(home|work)\\|");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM import_job_contacts WHERE account_id = ?").param(viaFastPath)
                .query(Long.class).single()).as("no per-contact job rows on the fast path").isZero();

        String before = dump(viaFastPath, job);
        assertThat(freshWriter.noneImported(viaFastPath, fast.source(), contacts)).isFalse();
        assertThat(pageWriter.writeContacts(viaFastPath, job, fast.source(), "file",
                contacts.stream().map(FileContact::toImported).toList()).outcomes().values())
                .as("the page writer finds every record the fast path wrote unchanged")
                .containsOnly("unchanged").hasSize(contacts.size());
        assertThatThrownBy(() -> tx.execute(status -> freshWriter.write(viaFastPath, job, fast.source(),
                contacts.subList(0, 1)))).isInstanceOf(DuplicateKeyException.class)
                .hasMessageNotContaining(contacts.getFirst().firstName());
        assertThat(dump(viaFastPath, job)).isEqualTo(before);
    }

    /** COPY's text format escapes: values with tabs, line breaks, backslashes, a literal \N and non-Latin text. */
    @Test
    void valuesWithCopysSpecialCharactersArriveAsWritten() {
        UUID account = Jdbc.newAccount(jdbc, "Hostile values", "FR");
        String first = "Tab\there \\N";
        String last = "Line\nbreak\r\nand \\ back\\slash";
        FileContact hostile = new FileContact(1, first, last, "\\.", "Ünïcødé 名前 🙂", null,
                java.time.LocalDate.of(1990, 2, 28),
                List.of(new FileContact.Field(FileContact.FieldKind.PHONE, "+33612345678", "06\t12 34 56 78",
                        "cell\\home")),
                List.of(new FileContact.Address("1 rue\tde\nla Paix", "Paris\\", null, "75002", "FR",
                        "1 rue de la paix|75002")),
                List.of(), List.of("tag\twith tab", "\\N"));

        tx.execute(status -> freshWriter.write(account, UUID.randomUUID(), "csv:hostile", List.of(hostile)));

        assertThat(jdbc.sql("""
                        SELECT concat_ws('|', first_name, last_name, nickname, company, job_title IS NULL, birthdate)
                        FROM contacts WHERE account_id = ?""").param(account).query(String.class).single())
                .isEqualTo(String.join("|", first, last, "\\.", "Ünïcødé 名前 🙂", "t", "1990-02-28"));
        assertThat(jdbc.sql("SELECT raw_value || '|' || label FROM contact_fields WHERE account_id = ?")
                .param(account).query(String.class).single()).isEqualTo("06\t12 34 56 78|cell\\home");
        assertThat(jdbc.sql("SELECT line1 || '|' || city || '|' || (region IS NULL)::text FROM addresses WHERE account_id = ?")
                .param(account).query(String.class).single()).isEqualTo("1 rue\tde\nla Paix|Paris\\|true");
        assertThat(jdbc.sql("SELECT name FROM tags WHERE account_id = ? ORDER BY name").param(account)
                .query(String.class).list()).containsExactly("\\N", "tag\twith tab");
    }

    private static List<FileContact> contacts(StoredFile file) {
        List<FileContact> all = new ArrayList<>();
        for (int seq = 0; seq < file.chunks(); seq++) {
            StoredChunk chunk = files.chunk(file.accountId(), file.id(), seq).orElseThrow();
            ParsedChunk parsed = switch (file.format()) {
                case CSV -> CsvChunkReader.read(file.settings(), chunk);
                case VCARD -> VcardChunkReader.read(file.settings(), chunk);
            };
            all.addAll(parsed.contacts());
        }
        return all;
    }

    /**
     * Every row both writers write for an account, contacts named by their record's source id instead of their id
     * (not the page writer's import records of emails, phones and addresses, nor its per-contact job rows).
     */
    private static String dump(UUID account, UUID job) {
        return String.join("\n", jdbc.sql("""
                WITH rec AS (SELECT contact_id, source_id FROM import_records
                             WHERE account_id = :a AND source_type = 'contact')
                SELECT 'c ' || r.source_id || ' ' || concat_ws('|', first_name, last_name, nickname, company,
                       job_title, birthdate, is_partial, origin)
                FROM contacts c JOIN rec r ON r.contact_id = c.id WHERE c.account_id = :a
                UNION ALL SELECT 'f ' || r.source_id || ' ' || concat_ws('|', kind, value, raw_value, label, position,
                       origin) FROM contact_fields f JOIN rec r ON r.contact_id = f.contact_id WHERE f.account_id = :a
                UNION ALL SELECT 'a ' || r.source_id || ' ' || concat_ws('|', line1, city, region, postal_code,
                       country, normalized_key, origin)
                FROM addresses x JOIN rec r ON r.contact_id = x.contact_id WHERE x.account_id = :a
                UNION ALL SELECT 'n ' || r.source_id || ' ' || body
                FROM notes n JOIN rec r ON r.contact_id = n.contact_id WHERE n.account_id = :a
                UNION ALL SELECT 't ' || r.source_id || ' ' || t.name
                FROM contact_tags ct JOIN rec r ON r.contact_id = ct.contact_id JOIN tags t ON t.id = ct.tag_id
                WHERE ct.account_id = :a
                UNION ALL SELECT 'tag ' || name FROM tags WHERE account_id = :a
                UNION ALL SELECT 'r ' || concat_ws('|', source_type, source_id, content_hash,
                       (SELECT source_id FROM rec WHERE rec.contact_id = i.contact_id), target_id IS NOT NULL, job_id = :job)
                FROM import_records i WHERE account_id = :a AND source_type IN ('contact', 'note')
                ORDER BY 1""").param("a", account).param("job", job).query(String.class).list());
    }
}
