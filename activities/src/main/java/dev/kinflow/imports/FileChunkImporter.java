package dev.kinflow.imports;

import dev.kinflow.imports.ImportFileRepository.StoredChunk;
import dev.kinflow.imports.ImportFileRepository.StoredFile;
import io.temporal.failure.ApplicationFailure;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one stored chunk of a file: parses it ({@link CsvChunkReader}, {@link VcardChunkReader}), then, in one
 * transaction holding the chunk's row lock, writes its records under the file's source ({@code format:sha256}) with
 * the record number as id — a chunk of new records through {@link FreshRecordWriter} ({@code COPY}, the fast path of
 * a first import), any other (the same file imported again) through the Monica page writer
 * ({@link ImportWriter#writeContacts}), which finds the records and writes nothing new — records the skipped records,
 * stores inline photos through {@link PhotoWriter} (same content-hash dedup as Monica photos), and stores the chunk's
 * result with the chunk. A second attempt at a written chunk returns that result and writes nothing.
 */
@Component
public class FileChunkImporter {

    static final String VIA = "file";

    private final ImportFileRepository files;
    private final ImportWriter writer;
    private final FreshRecordWriter freshWriter;
    private final PhotoWriter photos;
    private final JsonMapper json;
    private final TransactionTemplate tx;

    public FileChunkImporter(ImportFileRepository files, ImportWriter writer, FreshRecordWriter freshWriter,
                             PhotoWriter photos, JsonMapper json, TransactionTemplate tx) {
        this.files = files;
        this.writer = writer;
        this.freshWriter = freshWriter;
        this.photos = photos;
        this.json = json;
        this.tx = tx;
    }

    public FileChunkResult importChunk(FileChunkRequest request, Runnable heartbeat) {
        UUID account = UUID.fromString(request.job().accountId());
        UUID job = UUID.fromString(request.job().jobId());
        UUID fileId = UUID.fromString(request.job().fileId());
        StoredFile file = files.find(account, fileId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "The stored file of this import is gone (deleted by a reset?)", "FileGone"));
        StoredChunk chunk = files.chunk(account, fileId, request.chunk()).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("No chunk " + request.chunk() + " in the stored file",
                        "ChunkGone"));
        ParsedChunk parsed = switch (file.format()) {
            case CSV -> CsvChunkReader.read(file.settings(), chunk);
            case VCARD -> VcardChunkReader.read(file.settings(), chunk);
        };
        heartbeat.run();
        ChunkWrite write = new ChunkWrite(account, job, file, chunk.seq(), parsed, heartbeat);
        try {
            return tx.execute(status -> write.run(true));
        } catch (DuplicateKeyException writtenMeanwhile) {
            // a record of the chunk was imported after the check (the same file imported concurrently): as a re-import
            return tx.execute(status -> write.run(false));
        }
    }

    /** One attempt at writing a parsed chunk, inside a transaction. */
    private final class ChunkWrite {
        private final UUID account;
        private final UUID job;
        private final StoredFile file;
        private final int seq;
        private final ParsedChunk parsed;
        private final Runnable heartbeat;

        ChunkWrite(UUID account, UUID job, StoredFile file, int seq, ParsedChunk parsed, Runnable heartbeat) {
            this.account = account;
            this.job = job;
            this.file = file;
            this.seq = seq;
            this.parsed = parsed;
            this.heartbeat = heartbeat;
        }

        FileChunkResult run(boolean mayBeNew) {
            ImportFileRepository.LockedChunk locked = files.lockChunk(account, file.id(), seq)
                    .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                            "The stored file of this import is gone (deleted by a reset?)", "FileGone"));
            if (locked.written() != null) {
                return locked.written();
            }
            List<FileContact> contacts = parsed.contacts();
            Outcomes outcomes = mayBeNew && freshWriter.noneImported(account, file.source(), contacts)
                    ? new Outcomes(freshWriter.write(account, job, file.source(), contacts), 0, 0)
                    : reimport(contacts);
            files.recordErrors(account, job, parsed.errors());
            FileChunkResult result = new FileChunkResult(parsed.records(), contacts.size(), parsed.errors().size(),
                    storePhotos(), outcomes.created(), outcomes.updated(), outcomes.unchanged());
            files.markWritten(account, file.id(), seq, result);
            return result;
        }

        private Outcomes reimport(List<FileContact> contacts) {
            if (contacts.isEmpty()) {
                return new Outcomes(0, 0, 0);
            }
            ImportWriter.Written written = writer.writeContacts(account, job, file.source(), VIA,
                    contacts.stream().map(FileContact::toImported).toList());
            return Outcomes.of(written.outcomes().values());
        }

        private int storePhotos() {
            int stored = 0;
            for (ParsedChunk.FilePhoto photo : parsed.photos()) {
                ObjectNode node = json.createObjectNode();
                node.put("id", photo.recordNo() * 100 + photo.index());
                node.putObject("contact").put("id", photo.recordNo());
                node.put("dataUrl", "data:" + photo.mime() + ";base64,"
                        + Base64.getEncoder().encodeToString(photo.bytes()));
                stored += photos.write(account, job, file.source(), node);
                heartbeat.run();
            }
            return stored;
        }
    }

    /** Contacts created, updated and found unchanged. */
    private record Outcomes(int created, int updated, int unchanged) {
        static Outcomes of(Iterable<String> pageWriterOutcomes) {
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            for (String outcome : pageWriterOutcomes) {
                switch (outcome) {
                    case "created" -> created++;
                    case "updated" -> updated++;
                    case "unchanged" -> unchanged++;
                    default -> { }
                }
            }
            return new Outcomes(created, updated, unchanged);
        }
    }
}
