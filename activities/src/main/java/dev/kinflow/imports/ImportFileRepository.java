package dev.kinflow.imports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Uploaded import files ({@code import_files}), their chunks and the records their imports skipped. */
@Repository
public class ImportFileRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ImportFileRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A stored file's description. */
    public record StoredFile(UUID id, UUID accountId, FileFormat format, String contentHash, long sizeBytes,
                             long records, int chunks, FileSettings settings) {

        /** The {@code import_records.source} of this file's records. */
        public String source() {
            return format.value() + ":" + contentHash;
        }
    }

    /** One stored chunk. */
    public record StoredChunk(int seq, long firstRecord, long firstLine, int records, String body) {
    }

    /** Creates the file's row before its chunks (they reference it); {@link #complete} fills in the counts. */
    public void create(UUID fileId, UUID account, FileFormat format) {
        jdbc.sql("""
                        INSERT INTO import_files (id, account_id, format, content_hash, size_bytes, records, chunks,
                                                  settings)
                        VALUES (?, ?, ?, '', 0, 0, 0, '{}') ON CONFLICT (id) DO NOTHING""")
                .params(fileId, account, format.value())
                .update();
    }

    public void addChunk(UUID fileId, UUID account, int seq, long firstRecord, long firstLine, int records,
                         String body) {
        jdbc.sql("""
                        INSERT INTO import_file_chunks (file_id, account_id, seq, first_record, first_line, records,
                                                        body)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (file_id, seq) DO NOTHING""")
                .params(fileId, account, seq, firstRecord, firstLine, records, body)
                .update();
    }

    public void complete(UUID fileId, String contentHash, long sizeBytes, SplitFile split) {
        jdbc.sql("""
                        UPDATE import_files SET content_hash = ?, size_bytes = ?, records = ?, chunks = ?,
                                                settings = CAST(? AS jsonb)
                        WHERE id = ?""")
                .params(contentHash, sizeBytes, split.records(), split.chunks(),
                        json.writeValueAsString(split.settings()), fileId)
                .update();
    }

    public Optional<StoredFile> find(UUID account, UUID fileId) {
        return jdbc.sql("""
                        SELECT id, account_id, format, content_hash, size_bytes, records, chunks, settings::text
                        FROM import_files WHERE account_id = ? AND id = ?""")
                .params(account, fileId)
                .query((rs, n) -> new StoredFile(rs.getObject("id", UUID.class),
                        rs.getObject("account_id", UUID.class), FileFormat.of(rs.getString("format")).orElseThrow(),
                        rs.getString("content_hash"), rs.getLong("size_bytes"), rs.getLong("records"),
                        rs.getInt("chunks"), json.readValue(rs.getString("settings"), FileSettings.class)))
                .optional();
    }

    public Optional<StoredChunk> chunk(UUID account, UUID fileId, int seq) {
        return jdbc.sql("""
                        SELECT seq, first_record, first_line, records, body FROM import_file_chunks
                        WHERE account_id = ? AND file_id = ? AND seq = ?""")
                .params(account, fileId, seq)
                .query((rs, n) -> new StoredChunk(rs.getInt("seq"), rs.getLong("first_record"),
                        rs.getLong("first_line"), rs.getInt("records"), rs.getString("body")))
                .optional();
    }

    /** A chunk locked for writing: what writing it did, if it was written (null: not yet). */
    public record LockedChunk(FileChunkResult written) {
    }

    /**
     * Locks the chunk's row for the rest of the transaction (a second attempt at the same chunk waits here); empty
     * when the chunk is gone (the import's file was deleted meanwhile: a reset, a cancelled import's cleanup).
     */
    public Optional<LockedChunk> lockChunk(UUID account, UUID fileId, int seq) {
        return jdbc.sql("""
                        SELECT result::text FROM import_file_chunks WHERE account_id = ? AND file_id = ? AND seq = ?
                        FOR UPDATE""")
                .params(account, fileId, seq)
                .query((rs, n) -> new LockedChunk(rs.getString(1) == null ? null
                        : json.readValue(rs.getString(1), FileChunkResult.class)))
                .optional();
    }

    /** Stores what writing the chunk did, in the transaction that wrote it (see {@link #lockChunk}). */
    public void markWritten(UUID account, UUID fileId, int seq, FileChunkResult result) {
        jdbc.sql("""
                        UPDATE import_file_chunks SET result = CAST(? AS jsonb)
                        WHERE account_id = ? AND file_id = ? AND seq = ?""")
                .params(json.writeValueAsString(result), account, fileId, seq)
                .update();
    }

    /** Deletes the file and its chunks; true when there was one. */
    public boolean delete(UUID account, UUID fileId) {
        return jdbc.sql("DELETE FROM import_files WHERE account_id = ? AND id = ?").params(account, fileId)
                .update() > 0;
    }

    /** Records skipped records of a job, once per record number. */
    public void recordErrors(UUID account, UUID job, List<RecordError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO import_record_errors (job_id, account_id, record_no, line, reason)
                        SELECT ?, ?, r, l, reason
                        FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[])) AS e(r, l, reason)
                        ON CONFLICT (job_id, record_no) DO NOTHING""")
                .params(job, account, errors.stream().map(RecordError::record).toArray(Long[]::new),
                        errors.stream().map(RecordError::line).toArray(Long[]::new),
                        errors.stream().map(RecordError::reason).toArray(String[]::new))
                .update();
    }

    /** The first {@code limit} records a job skipped, in file order. */
    public List<RecordError> errors(UUID account, UUID job, int limit) {
        return jdbc.sql("""
                        SELECT record_no, line, reason FROM import_record_errors
                        WHERE account_id = ? AND job_id = ? ORDER BY record_no LIMIT ?""")
                .params(account, job, limit)
                .query((rs, n) -> new RecordError(rs.getLong("record_no"), rs.getLong("line"),
                        rs.getString("reason")))
                .list();
    }
}
