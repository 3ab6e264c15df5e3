package dev.kinflow.imports;

import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Stores Monica photos from their {@code dataUrl}: deduplicated per contact by content hash, set as the avatar when
 * the contact has none, and each photo's outcome recorded once per job ({@code synced}, {@code no_data_url},
 * {@code too_large} over {@link MonicaHttpProperties#maxPhotoSize()} — both counted as failed — and {@code not_found}
 * when its contact is not in Kinflow). The size is checked on the base64 text before anything is decoded.
 */
@Repository
public class PhotoWriter {

    private final JdbcClient jdbc;
    private final long maxPhotoBytes;

    public PhotoWriter(JdbcClient jdbc, MonicaHttpProperties properties) {
        this.jdbc = jdbc;
        this.maxPhotoBytes = properties.maxPhotoSize().toBytes();
    }

    /** Writes one photo; returns 1 if a row was created. */
    public int write(UUID account, UUID job, String source, JsonNode photo) {
        long photoId = photo.path("id").asLong();
        long monicaContact = photo.path("contact").path("id").asLong(0);
        Long contactId = jdbc.sql("""
                        SELECT contact_id FROM import_records
                        WHERE account_id = ? AND source = ? AND source_type = 'contact' AND source_id = ?""")
                .params(account, source, String.valueOf(monicaContact))
                .query(Long.class).optional().orElse(null);
        String dataUrl = ImportedContact.text(photo.path("dataUrl"));
        if (contactId == null) {
            return outcome(account, job, photoId, "not_found");
        }
        int comma = dataUrl == null ? -1 : dataUrl.indexOf(',');
        if (comma < 0 || !dataUrl.startsWith("data:")) {
            return outcome(account, job, photoId, "no_data_url");
        }
        if (dataUrl.length() - comma - 1L > 4 * ((maxPhotoBytes + 2) / 3)) { // longer than any base64 of the cap
            return outcome(account, job, photoId, "too_large");
        }
        String mime = dataUrl.substring(5, dataUrl.indexOf(';') > 0 ? dataUrl.indexOf(';') : comma);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(dataUrl.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            return outcome(account, job, photoId, "no_data_url");
        }
        if (bytes.length > maxPhotoBytes) {
            return outcome(account, job, photoId, "too_large");
        }
        String hash = ImportedContact.sha256(Base64.getEncoder().encodeToString(bytes));
        int created = jdbc.sql("""
                        INSERT INTO photos (account_id, contact_id, content_hash, mime, bytes) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (contact_id, content_hash) DO NOTHING""")
                .params(account, contactId, hash, mime.isEmpty() ? "application/octet-stream" : mime, bytes)
                .update();
        jdbc.sql("""
                        WITH p AS (SELECT id FROM photos WHERE contact_id = :contact AND content_hash = :hash)
                        , avatar AS (
                            UPDATE contacts SET avatar_photo_id = (SELECT id FROM p)
                            WHERE id = :contact AND account_id = :account AND avatar_photo_id IS NULL)
                        INSERT INTO import_records (account_id, source, source_type, source_id, contact_id, target_id,
                                                    content_hash, job_id)
                        SELECT :account, :source, 'photo', :photo, :contact, id, :hash, :job FROM p
                        ON CONFLICT (account_id, source, source_type, source_id) DO NOTHING""")
                .param("contact", contactId)
                .param("hash", hash)
                .param("account", account)
                .param("source", source)
                .param("photo", String.valueOf(photoId))
                .param("job", job)
                .update();
        outcome(account, job, photoId, "synced");
        return created;
    }

    private int outcome(UUID account, UUID job, long photoId, String outcome) {
        jdbc.sql("""
                        INSERT INTO import_photo_outcomes (job_id, account_id, monica_photo_id, outcome)
                        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(job, account, photoId, outcome)
                .update();
        return 0;
    }
}
