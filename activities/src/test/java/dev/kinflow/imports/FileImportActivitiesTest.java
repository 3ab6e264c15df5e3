package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinflow.imports.ImportFileRepository.StoredFile;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Upload storage and chunk writes of file imports against real PostgreSQL, with files shaped like real exporters'
 * (src/test/resources/imports): each field lands where the mapping says, every chunk written twice writes nothing the
 * second time, a re-import of the same file creates nothing, bad records are skipped with their line/card number and
 * bad files are refused with nothing stored.
 */
class FileImportActivitiesTest {

    static JdbcClient jdbc;
    static ImportFileRepository files;
    static FileUploadStore uploads;
    static FileChunkImporter importer;
    static DataSource dataSource;

    @BeforeAll
    static void setUp() {
        DataSource ds = TestDatabase.fresh().dataSource();
        dataSource = ds;
        jdbc = Jdbc.client(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        files = new ImportFileRepository(jdbc, Jdbc.JSON);
        uploads = new FileUploadStore(files, tx);
        importer = new FileChunkImporter(files, new ImportWriter(jdbc, Jdbc.JSON, tx),
                new FreshRecordWriter(jdbc, ds, new ExtraItemWriter(jdbc, Jdbc.JSON, tx)),
                new PhotoWriter(jdbc, MonicaHttpProperties.defaults()), Jdbc.JSON, tx);
    }

    static FileUploadOptions options(Map<String, ContactField> mapping, Charset encoding, String... tags) {
        return new FileUploadOptions(true, "FR", List.of(tags), mapping, null, encoding);
    }

    static InputStream resource(String name) {
        InputStream in = FileImportActivitiesTest.class.getResourceAsStream("/imports/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    /**
     * Writes every chunk of the file twice (a retried activity: the second attempt finds the chunk's stored result,
     * returns it and writes nothing) and returns the results.
     */
    static List<FileChunkResult> importTwice(UUID account, UUID job, StoredFile file) {
        List<FileChunkResult> results = new ArrayList<>();
        for (int chunk = 0; chunk < file.chunks(); chunk++) {
            FileChunkRequest request = new FileChunkRequest(new FileJobRef(account.toString(), job.toString(),
                    file.id().toString(), file.source()), chunk);
            FileChunkResult first = importer.importChunk(request, () -> { });
            String before = snapshot(account);
            FileChunkResult second = importer.importChunk(request, () -> { });
            assertThat(snapshot(account)).as("second write of chunk %d", chunk).isEqualTo(before);
            assertThat(second).isEqualTo(first);
            results.add(first);
        }
        return results;
    }

    static String snapshot(UUID account) {
        return String.join("\n", jdbc.sql("""
                        SELECT 'c' || id || first_name || coalesce(last_name, '') || coalesce(company, '')
                               || coalesce(birthdate::text, '') || updated_at FROM contacts WHERE account_id = :a
                        UNION ALL SELECT 'f' || id || value || updated_at FROM contact_fields WHERE account_id = :a
                        UNION ALL SELECT 'a' || id || coalesce(line1, '') FROM addresses WHERE account_id = :a
                        UNION ALL SELECT 'p' || id FROM photos WHERE account_id = :a
                        UNION ALL SELECT 'n' || id || body FROM notes WHERE account_id = :a
                        UNION ALL SELECT 't' || contact_id || '-' || tag_id FROM contact_tags WHERE account_id = :a
                        UNION ALL SELECT 'e' || job_id || record_no FROM import_record_errors WHERE account_id = :a
                        ORDER BY 1""").param("a", account).query(String.class).list());
    }

    static Map<String, Object> contact(UUID account, String firstName) {
        return jdbc.sql("""
                        SELECT c.id, c.first_name, c.last_name, c.nickname, c.company, c.job_title,
                               c.birthdate::text AS birthdate,
                               (SELECT string_agg(value, ',' ORDER BY position) FROM contact_fields f
                                WHERE f.contact_id = c.id AND kind = 'email') AS emails,
                               (SELECT string_agg(coalesce(label, '-'), ',' ORDER BY position) FROM contact_fields f
                                WHERE f.contact_id = c.id AND kind = 'email') AS email_labels,
                               (SELECT string_agg(value, ',' ORDER BY position) FROM contact_fields f
                                WHERE f.contact_id = c.id AND kind = 'phone') AS phones,
                               (SELECT string_agg(coalesce(label, '-'), ',' ORDER BY position) FROM contact_fields f
                                WHERE f.contact_id = c.id AND kind = 'phone') AS phone_labels,
                               (SELECT string_agg(concat_ws('|', line1, city, region, postal_code, country), ';'
                                                  ORDER BY id)
                                FROM addresses a WHERE a.contact_id = c.id) AS address,
                               (SELECT string_agg(t.name, ',' ORDER BY t.name) FROM contact_tags ct
                                JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id) AS tags,
                               (SELECT string_agg(body, '|') FROM notes n WHERE n.contact_id = c.id) AS notes,
                               (SELECT count(*) FROM photos p WHERE p.contact_id = c.id) AS photos
                        FROM contacts c WHERE c.account_id = ? AND c.first_name = ?""")
                .params(account, firstName).query().singleRow();
    }

    static long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void googleContactsCsvMapsItselfAndReimportingCreatesNothing() {
        UUID account = Jdbc.newAccount(jdbc, "Google", "FR");
        StoredFile file = uploads.store(account, FileFormat.CSV, resource("google-contacts.csv"),
                options(null, null, "imported"));
        assertThat(file.records()).isEqualTo(4);
        assertThat(file.source()).startsWith("csv:").hasSize(4 + 64);

        UUID job = UUID.randomUUID();
        List<FileChunkResult> results = importTwice(account, job, file);

        assertThat(results).containsExactly(new FileChunkResult(4, 3, 1, 0, 3, 0, 0));
        Map<String, Object> ada = contact(account, "Ada");
        assertThat(ada).containsEntry("last_name", "Lovelace").containsEntry("nickname", "Countess")
                .containsEntry("company", "Analytical Engines Ltd").containsEntry("job_title", "Mathematician")
                .containsEntry("birthdate", "1815-12-10")
                .containsEntry("emails", "ada@example.org,ada.lovelace@example.net,ada@engines.example")
                .containsEntry("email_labels", "home,other,work") // "* Home ::: Other" paired by position
                .containsEntry("phones", "+33612345678,+442079460958").containsEntry("phone_labels", "mobile,work")
                .containsEntry("address", "12 St James's Square|London|SW1Y 4JH|GB;1 Engine Row|Manchester|M1 1AA|GB")
                .containsEntry("tags", "Friends,Science,imported")
                .containsEntry("notes", "Met at the Babbage soirée.\nBring the notes on Bernoulli numbers.");
        assertThat(contact(account, "Grace")).containsEntry("birthdate", null)
                .containsEntry("tags", "imported").containsEntry("phones", "+12025550143")
                .containsEntry("email_labels", "work").containsEntry("phone_labels", "mobile");
        assertThat(contact(account, "Acme Plumbing")).containsEntry("company", "Acme Plumbing")
                .containsEntry("phones", "+33123456789").containsEntry("phone_labels", "work")
                .containsEntry("address", null);
        assertThat(files.errors(account, job, 100)).containsExactly(
                new RecordError(3, 9, "birthdate: unparseable date")); // Ada's quoted cells span lines 2-7

        UUID again = UUID.randomUUID();
        StoredFile sameFile = uploads.store(account, FileFormat.CSV, resource("google-contacts.csv"),
                options(null, null, "imported"));
        String before = snapshot(account).replaceAll("(?m)^e.*(\n|$)", "");
        assertThat(importTwice(account, again, sameFile)).as("the same file again: every record found unchanged")
                .containsExactly(new FileChunkResult(4, 3, 1, 0, 0, 0, 3));
        assertThat(snapshot(account).replaceAll("(?m)^e.*(\n|$)", "")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM import_job_contacts WHERE job_id = ? AND outcome = 'unchanged'",
                again)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = ?", account)).isEqualTo(3);
    }

    @Test
    void aFileStoredBeforeColumnGroupsExistedIsReadAsBefore() {
        UUID account = Jdbc.newAccount(jdbc, "Old settings", "FR");
        StoredFile file = uploads.store(account, FileFormat.CSV, resource("google-contacts.csv"),
                options(null, null, "imported"));
        // the settings the previous auto-mapping stored for this header: no label columns, only "Address 1 - *"
        // mapped, and no columnGroups at all
        List<String> oldFields = new ArrayList<>();
        for (int i = 0; i < file.settings().columns(); i++) {
            String field = file.settings().columnFields().get(i);
            boolean newlyMapped = field != null && (field.endsWith(".label")
                    || field.startsWith("address.") && file.settings().group(i).number() != 1);
            oldFields.add(newlyMapped ? null : field);
        }
        Map<String, Object> oldSettings = new java.util.LinkedHashMap<>();
        oldSettings.put("delimiter", ",");
        oldSettings.put("columns", file.settings().columns());
        oldSettings.put("columnFields", oldFields);
        oldSettings.put("tags", List.of("imported"));
        oldSettings.put("defaultRegion", "FR");
        jdbc.sql("UPDATE import_files SET settings = CAST(? AS jsonb) WHERE id = ?")
                .params(Jdbc.JSON.writeValueAsString(oldSettings), file.id()).update();
        StoredFile old = files.find(account, file.id()).orElseThrow();
        assertThat(old.settings().columnGroups()).isEmpty();

        assertThat(importTwice(account, UUID.randomUUID(), old)).containsExactly(
                new FileChunkResult(4, 3, 1, 0, 3, 0, 0));
        assertThat(contact(account, "Ada"))
                .containsEntry("emails", "ada@example.org,ada.lovelace@example.net,ada@engines.example")
                .containsEntry("email_labels", "-,-,-").containsEntry("phone_labels", "-,-")
                .containsEntry("address", "12 St James's Square|London|SW1Y 4JH|GB");
    }

    @Test
    void outlookCsvInWindows1252WithBadRowsSkipsThemWithTheirLines() {
        UUID account = Jdbc.newAccount(jdbc, "Outlook", "FR");
        assertThatThrownBy(() -> uploads.store(account, FileFormat.CSV, resource("outlook.csv"),
                options(null, null)))
                .isInstanceOf(FileUploadRejected.class)
                .hasMessageContaining("not valid UTF-8")
                .extracting(e -> ((FileUploadRejected) e).field()).isEqualTo("options.encoding");
        assertThat(count("SELECT count(*) FROM import_files WHERE account_id = ?", account)).isZero();

        StoredFile file = uploads.store(account, FileFormat.CSV, resource("outlook.csv"),
                options(null, Charset.forName("windows-1252")));
        UUID job = UUID.randomUUID();
        List<FileChunkResult> results = importTwice(account, job, file);

        assertThat(results).containsExactly(new FileChunkResult(4, 2, 2, 0, 2, 0, 0));
        assertThat(contact(account, "Hélène")).containsEntry("last_name", "Dupré")
                .containsEntry("company", "Société Générale d'Exemple").containsEntry("job_title", "Directrice")
                .containsEntry("birthdate", "1985-03-14")
                .containsEntry("emails", "helene.dupre@example.fr,h.dupre@work.example")
                .containsEntry("email_labels", "-,-")
                .containsEntry("phones", "+33140205050,+33698765432").containsEntry("phone_labels", "work,mobile")
                .containsEntry("address", "5 rue de la Paix|Paris|75002|France;29 boulevard Haussmann|Paris|75009|France")
                .containsEntry("notes", "Préfère être appelée le matin");
        assertThat(contact(account, "Jürgen")).containsEntry("birthdate", null)
                .containsEntry("phones", "+4930901820").containsEntry("phone_labels", "home");
        assertThat(files.errors(account, job, 100)).containsExactly(
                new RecordError(3, 4, "birthdate: unparseable date"),
                new RecordError(4, 5, "expected 61 columns, found 3"));
    }

    @Test
    void aMappingPutsColumnsWhereItSaysIncludingRepeatedFieldsLabelsAndTwoAddresses() {
        UUID account = Jdbc.newAccount(jdbc, "Mapped", "CN");
        Map<String, ContactField> mapping = Map.ofEntries(Map.entry("Given", ContactField.FIRST_NAME),
                Map.entry("Family", ContactField.LAST_NAME), Map.entry("Mail 1", ContactField.EMAIL),
                Map.entry("Mail 2", ContactField.EMAIL), Map.entry("Cell", ContactField.PHONE),
                Map.entry("Born", ContactField.BIRTHDATE), Map.entry("Street", ContactField.ADDRESS_LINE1),
                Map.entry("Town", ContactField.ADDRESS_CITY), Map.entry("Mail 1 Kind", ContactField.EMAIL_LABEL),
                Map.entry("Mail 2 Kind", ContactField.EMAIL_LABEL), Map.entry("Office Street",
                        ContactField.ADDRESS_LINE1), Map.entry("Office Town", ContactField.ADDRESS_CITY));
        StoredFile file = uploads.store(account, FileFormat.CSV, resource("custom-tab.tsv"),
                new FileUploadOptions(false, "CN", List.of(), mapping, null, null));
        assertThat(file.settings().delimiter()).isEqualTo("\t");
        importTwice(account, UUID.randomUUID(), file);

        assertThat(contact(account, "Lin")).containsEntry("last_name", "Wei")
                .containsEntry("emails", "lin@example.cn,lin.wei@work.example")
                .containsEntry("email_labels", "personal,work") // the n-th email.label column labels the n-th email
                .containsEntry("phones", "+8613800138000").containsEntry("phone_labels", "-")
                .containsEntry("birthdate", "1990-01-02")
                .containsEntry("address", "1 Nanjing Rd|Shanghai;100 Century Ave|Shanghai"); // the 2nd address.*
    }

    @Test
    void aSemicolonCsvWithAByteOrderMarkAndQuotedDelimiters() {
        UUID account = Jdbc.newAccount(jdbc, "Excel", "FR");
        StoredFile file = uploads.store(account, FileFormat.CSV, resource("plain-excel-semicolon.csv"),
                options(null, null));
        assertThat(file.settings().delimiter()).isEqualTo(";");
        assertThat(file.settings().columnFields()).containsExactly("firstName", "lastName", "email", "phone",
                "tags");
        importTwice(account, UUID.randomUUID(), file);

        assertThat(contact(account, "Zoé")).containsEntry("emails", "zoe@example.fr")
                .containsEntry("phones", "+33610203040").containsEntry("tags", "famille,voisins");
        assertThat(contact(account, "Jean;Pierre")).containsEntry("last_name", "Durand");
    }

    @Test
    void icloudVcard30WithPhotosDeduplicatesThemByHash() {
        UUID account = Jdbc.newAccount(jdbc, "iCloud", "US");
        StoredFile file = uploads.store(account, FileFormat.VCARD, resource("icloud-3.0.vcf"),
                new FileUploadOptions(true, "US", List.of(), null, null, null));
        UUID job = UUID.randomUUID();
        List<FileChunkResult> results = importTwice(account, job, file);

        assertThat(results).containsExactly(new FileChunkResult(3, 2, 1, 2, 2, 0, 0));
        assertThat(contact(account, "John")).containsEntry("last_name", "Appleseed")
                .containsEntry("nickname", "Johnny").containsEntry("company", "Apple Inc.")
                .containsEntry("job_title", "Software Engineer").containsEntry("birthdate", "1980-05-01")
                .containsEntry("emails", "john.appleseed@icloud.com,john@work.example")
                .containsEntry("email_labels", "home,work")
                .containsEntry("phones", "+14085550101,+33123456789").containsEntry("phone_labels", "mobile,home")
                .containsEntry("address", "1 Infinite Loop|Cupertino|CA|95014|United States;"
                        + "One Apple Park Way|Cupertino|CA|95014|United States")
                .containsEntry("tags", "Friends,Work").containsEntry("notes", "Met at WWDC\nLikes hiking, climbing")
                .containsEntry("photos", 1L);
        assertThat(contact(account, "Jane")).containsEntry("photos", 1L)
                .containsEntry("phone_labels", "iphone mobile").containsEntry("email_labels", "-");
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = ? AND avatar_photo_id IS NOT NULL",
                account)).isEqualTo(2);
        assertThat(files.errors(account, job, 100)).containsExactly(
                new RecordError(3, lineOf("icloud-3.0.vcf", 3), "BDAY: unparseable date"));
    }

    @Test
    void androidVcard21WithQuotedPrintableNames() {
        UUID account = Jdbc.newAccount(jdbc, "Android", "FR");
        StoredFile file = uploads.store(account, FileFormat.VCARD, resource("android-2.1.vcf"), options(null, null));
        importTwice(account, UUID.randomUUID(), file);

        assertThat(contact(account, "Françoise")).containsEntry("last_name", "Élodie")
                .containsEntry("phones", "+33611223344,+33478000000,+33478000009")
                .containsEntry("phone_labels", "mobile,home,work fax")
                .containsEntry("emails", "francoise@example.fr").containsEntry("email_labels", "home")
                .containsEntry("address", "12 allée des Tilleuls|Lyon|69003|France;"
                        + "Zone Industrielle Nord|Villeurbanne|69100|France")
                .containsEntry("birthdate", "1990-02-28")
                .containsEntry("notes", "Première ligne\r\nDeuxième ligne très longue qui continue");
        assertThat(contact(account, "Plombier")).containsEntry("phones", "+33472000001")
                .containsEntry("phone_labels", "work");
    }

    @Test
    void vcard40WithUriPhonesDataUriPhotoAndYearlessBirthday() {
        UUID account = Jdbc.newAccount(jdbc, "Four", "FR");
        StoredFile file = uploads.store(account, FileFormat.VCARD, resource("vcard-4.0.vcf"), options(null, null));
        List<FileChunkResult> results = importTwice(account, UUID.randomUUID(), file);

        assertThat(results).containsExactly(new FileChunkResult(2, 2, 0, 1, 2, 0, 0));
        assertThat(contact(account, "Marie")).containsEntry("last_name", "Curie")
                .containsEntry("company", "Institut du Radium").containsEntry("job_title", "Director")
                .containsEntry("birthdate", "1867-11-07").containsEntry("emails", "marie.curie@radium.example")
                .containsEntry("email_labels", "work")
                .containsEntry("phones", "+33655443322").containsEntry("phone_labels", "mobile")
                .containsEntry("address", "1 rue Pierre et Marie Curie|Paris|75005|France;"
                        + "36 quai de Béthune|Paris|75004|France")
                .containsEntry("tags", "Nobel,Science").containsEntry("photos", 1L);
        assertThat((String) contact(account, "Marie").get("notes")).startsWith("Two Nobel prizes (physics 1903, ")
                .endsWith("several physical lines.");
        assertThat(contact(account, "Pierre")).containsEntry("birthdate", null)
                .containsEntry("phones", "+33143540000").containsEntry("phone_labels", "home");
    }

    @Test
    void aBigFileIsCutIntoChunksOfWholeRecordsAndEveryRecordIsWrittenOnce() throws IOException {
        UUID account = Jdbc.newAccount(jdbc, "Chunks", "FR");
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email,Notes\r\n");
        for (int i = 1; i <= 2_500; i++) {
            csv.append("P").append(i).append(",Q,p").append(i).append("@example.org,")
                    .append(i % 7 == 0 ? "\"two\nlines, quoted\"" : "").append("\r\n");
        }
        StoredFile file = uploads.store(account, FileFormat.CSV,
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), options(null, null), 1_000);
        assertThat(file.chunks()).isEqualTo(3);
        assertThat(file.records()).isEqualTo(2_500);

        List<FileChunkResult> results = importTwice(account, UUID.randomUUID(), file);

        assertThat(results.stream().mapToInt(FileChunkResult::imported).sum()).isEqualTo(2_500);
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = ?", account)).isEqualTo(2_500);
        assertThat(count("SELECT count(DISTINCT first_name) FROM contacts WHERE account_id = ?", account))
                .isEqualTo(2_500);
        assertThat(count("SELECT count(*) FROM notes WHERE account_id = ? AND body = 'two' || chr(10) || "
                + "'lines, quoted'", account)).isEqualTo(2_500 / 7);
        assertThat(files.chunk(account, file.id(), 2).orElseThrow().firstLine()).isEqualTo(2_001 + 2_000 / 7 + 1);
    }

    @Test
    void badFilesAreRefusedAndNothingIsStored() {
        UUID account = Jdbc.newAccount(jdbc, "Bad", "FR");
        assertRejected(account, FileFormat.VCARD, "First Name,Email\r\nA,a@example.org\r\n", null, "file",
                "not a vCard");
        assertRejected(account, FileFormat.VCARD, "", null, "file", "not a vCard");
        assertRejected(account, FileFormat.CSV, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n", null,
                "options.mapping", "no column header is a known one");
        assertRejected(account, FileFormat.CSV, "", null, "file", "empty");
        assertRejected(account, FileFormat.CSV, "First Name,Email\r\nA,a@example.org\r\n",
                Map.of("Mail", ContactField.EMAIL), "options.mapping.Mail", "no column \"Mail\"");
        assertRejected(account, FileFormat.CSV, "First Name,Email\r\n\"A,a@example.org\r\n", null, "file",
                "not a well-formed CSV");
        byte[] latin1 = "First Name,Email\r\nHélène,h@example.org\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> uploads.store(account, FileFormat.CSV, new ByteArrayInputStream(latin1),
                options(null, null))).isInstanceOf(FileUploadRejected.class).hasMessageContaining("encoding");
        assertThat(count("SELECT count(*) FROM import_files WHERE account_id = ?", account)).isZero();
        assertThat(count("SELECT count(*) FROM import_file_chunks WHERE account_id = ?", account)).isZero();
    }

    @Test
    void deletingTheFileDeletesItsChunks() {
        UUID account = Jdbc.newAccount(jdbc, "Delete", "FR");
        StoredFile file = uploads.store(account, FileFormat.VCARD, resource("vcard-4.0.vcf"), options(null, null));
        assertThat(files.delete(account, file.id())).isTrue();
        assertThat(files.delete(account, file.id())).isFalse();
        assertThat(count("SELECT count(*) FROM import_file_chunks WHERE file_id = ?", file.id())).isZero();
    }

    /**
     * Another transaction imports one of the chunk's records after the chunk checked that none exists (the same file
     * imported at the same moment): the chunk's COPY waits for it, fails on the import records' key, and the chunk is
     * written again through the page writer — no record twice, nothing lost, counts exact.
     */
    @Test
    void aRecordImportedConcurrentlyAfterTheCheckSendsTheChunkToThePageWriter() throws Exception {
        UUID account = Jdbc.newAccount(jdbc, "Race", "FR");
        StoredFile file = uploads.store(account, FileFormat.CSV, resource("google-contacts.csv"),
                options(null, null, "imported"));
        UUID job = UUID.randomUUID();
        FileChunkRequest request = new FileChunkRequest(new FileJobRef(account.toString(), job.toString(),
                file.id().toString(), file.source()), 0);
        java.util.concurrent.CompletableFuture<FileChunkResult> chunk;
        try (java.sql.Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var st = other.prepareStatement("""
                    WITH c AS (INSERT INTO contacts (account_id, first_name, origin) VALUES (?, 'Racer', 'import')
                               RETURNING id)
                    INSERT INTO import_records (account_id, source, source_type, source_id, contact_id, content_hash)
                    SELECT ?, ?, 'contact', '1', id, 'another hash' FROM c""")) {
                st.setObject(1, account);
                st.setObject(2, account);
                st.setString(3, file.source());
                st.executeUpdate();
            }
            chunk = java.util.concurrent.CompletableFuture.supplyAsync(() -> importer.importChunk(request, () -> { }));
            awaitBlockedOnTheRecordsKey();
            other.commit();
        }
        FileChunkResult result = chunk.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new FileChunkResult(4, 3, 1, 0, 2, 1, 0));
        assertThat(count("SELECT count(*) FROM import_records WHERE account_id = ? AND source_type = 'contact'",
                account)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = ?", account)).isEqualTo(3);
        assertThat(importer.importChunk(request, () -> { })).as("and a retry returns it").isEqualTo(result);
    }

    /** Waits (bounded) until a backend of the test database waits for a transaction lock: the chunk's COPY. */
    private static void awaitBlockedOnTheRecordsKey() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE 'COPY import_records%'
                  AND datname = current_database()""") == 0) {
            assertThat(System.nanoTime()).as("the chunk's COPY waits for the other transaction").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** The chunk lock tells a chunk not written yet, a written one (with its result) and a gone one apart. */
    @Test
    void aChunkIsLockedWithItsStoredResultAndAGoneChunkIsNoChunk() {
        UUID account = Jdbc.newAccount(jdbc, "Lock", "FR");
        StoredFile file = uploads.store(account, FileFormat.VCARD, resource("vcard-4.0.vcf"), options(null, null));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        java.util.function.Supplier<Optional<ImportFileRepository.LockedChunk>> lockFirstChunk =
                () -> tx.execute(s -> files.lockChunk(account, file.id(), 0));
        assertThat(lockFirstChunk.get()).contains(new ImportFileRepository.LockedChunk(null));

        List<FileChunkResult> results = importTwice(account, UUID.randomUUID(), file);

        assertThat(lockFirstChunk.get()).contains(new ImportFileRepository.LockedChunk(results.getFirst()));
        files.delete(account, file.id());
        assertThat(lockFirstChunk.get()).isEmpty();
    }

    private static void assertRejected(UUID account, FileFormat format, String content,
                                       Map<String, ContactField> mapping, String field, String message) {
        assertThatThrownBy(() -> uploads.store(account, format,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), options(mapping, null)))
                .isInstanceOf(FileUploadRejected.class)
                .hasMessageContaining(message)
                .extracting(e -> ((FileUploadRejected) e).field()).isEqualTo(field);
    }

    private static long lineOf(String resource, int card) {
        try (InputStream in = resource(resource)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r\n");
            int seen = 0;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].equals("BEGIN:VCARD") && ++seen == card) {
                    return i + 1;
                }
            }
            throw new AssertionError("no card " + card);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
