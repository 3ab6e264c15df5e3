package dev.kinflow.imports;

import dev.kinflow.imports.ImportFileRepository.StoredChunk;
import dev.kinflow.imports.ImportFileRepository.StoredFile;
import io.temporal.failure.ApplicationFailure;
import java.util.Base64;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one stored chunk of a file: parses it ({@link CsvChunkReader}, {@link VcardChunkReader}), writes its contacts
 * under the file's source ({@code format:sha256}) with the record number as id — a chunk of records all new through
 * {@link FreshRecordWriter} (typed arrays, the fast path of a first import), any other through the Monica page writer
 * ({@link ImportWriter#writeContacts}) — records the skipped records, and stores inline photos through {@link PhotoWriter} (same
 * content-hash dedup as Monica photos). Every step is keyed, so writing a chunk again writes nothing.
 */
@Component
public class FileChunkImporter {

    static final String VIA = "file";

    private final ImportFileRepository files;
    private final ImportWriter writer;
    private final FreshRecordWriter freshWriter;
    private final PhotoWriter photos;
    private final JsonMapper json;

    public FileChunkImporter(ImportFileRepository files, ImportWriter writer, FreshRecordWriter freshWriter,
                             PhotoWriter photos, JsonMapper json) {
        this.files = files;
        this.writer = writer;
        this.freshWriter = freshWriter;
        this.photos = photos;
        this.json = json;
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
        if (!parsed.contacts().isEmpty() && freshWriter.writeIfAllNew(account, job, file.source(), VIA,
                parsed.contacts()).isEmpty()) {
            writer.writeContacts(account, job, file.source(), VIA, parsed.contacts());
        }
        files.recordErrors(account, job, parsed.errors());
        int stored = 0;
        for (ParsedChunk.FilePhoto photo : parsed.photos()) {
            ObjectNode node = json.createObjectNode();
            node.put("id", photo.recordNo() * 100 + photo.index());
            node.putObject("contact").put("id", photo.recordNo());
            node.put("dataUrl", "data:" + photo.mime() + ";base64," + Base64.getEncoder().encodeToString(photo.bytes()));
            stored += photos.write(account, job, file.source(), node);
            heartbeat.run();
        }
        return new FileChunkResult(parsed.records(), parsed.contacts().size(), parsed.errors().size(), stored);
    }
}
