package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/** A photo over the size cap is a recorded failure ({@code too_large}), not a stored photo; writes are idempotent. */
class PhotoWriterTest {

    static final String SOURCE = "monica:https://monica.test";
    static JdbcClient jdbc;
    static PhotoWriter writer;

    @BeforeAll
    static void setUp() {
        jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
        MonicaHttpProperties limits = new MonicaHttpProperties(MonicaHttpProperties.defaults().httpTimeout(), 600,
                DataSize.ofMegabytes(20), DataSize.ofKilobytes(1));
        writer = new PhotoWriter(jdbc, limits);
    }

    @Test
    void aPhotoOverTheCapIsRecordedAsTooLargeAndNothingIsStored() {
        UUID account = Jdbc.newAccount(jdbc, "Photos", "FR");
        UUID job = UUID.randomUUID();
        long contact = jdbc.sql("INSERT INTO contacts (account_id, first_name) VALUES (?, 'Ann') RETURNING id")
                .param(account).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO import_records (account_id, source, source_type, source_id, contact_id)
                        VALUES (?, ?, 'contact', '42', ?)""").params(account, SOURCE, contact).update();

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(writer.write(account, job, SOURCE, photo(1, 1025))).isZero();
            assertThat(writer.write(account, job, SOURCE, photo(2, 1024))).isEqualTo(attempt == 0 ? 1 : 0);
        }

        assertThat(jdbc.sql("SELECT monica_photo_id || ':' || outcome FROM import_photo_outcomes WHERE job_id = ? "
                + "ORDER BY monica_photo_id").param(job).query(String.class).list())
                .containsExactly("1:too_large", "2:synced");
        assertThat(jdbc.sql("SELECT octet_length(bytes) FROM photos WHERE contact_id = ?").param(contact)
                .query(Integer.class).list()).containsExactly(1024);
    }

    private static JsonNode photo(long id, int bytes) {
        byte[] content = new byte[bytes];
        content[0] = (byte) id;
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(content);
        return Jdbc.JSON.readTree("{\"id\":" + id + ",\"contact\":{\"id\":42},\"dataUrl\":\"" + dataUrl + "\"}");
    }
}
