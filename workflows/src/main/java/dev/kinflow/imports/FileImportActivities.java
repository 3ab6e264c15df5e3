package dev.kinflow.imports;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The database side of a file import (task queue {@code kinflow-default}).
 *
 * <p>Idempotency: {@link #importChunk} writes a chunk in one transaction under the chunk's row lock and stores its
 * {@link FileChunkResult} with the chunk in that transaction, so a second call for the same chunk (a retry, a zombie
 * attempt) returns that result and writes nothing; each record is also keyed (file source = format and content hash,
 * record number) through {@code import_records}, so the same file imported again writes nothing new. Skipped records
 * are recorded once per (job, record). {@link #deleteFile} deletes by id (nothing to do the second time);
 * {@link #recordErrors} only reads. Timeouts: a chunk of about 1,000 records is one transaction of a handful of
 * statements (a tenth of a second; vCard photos make it longer), so 2 minutes start-to-close with a 30 s heartbeat;
 * the others are a few statements (30 s).
 */
@ActivityInterface
public interface FileImportActivities {

    /** Parses one stored chunk and writes its records; bad records are skipped and recorded. */
    @ActivityMethod
    FileChunkResult importChunk(FileChunkRequest request);

    /** The first {@link RecordErrors#LIMIT} records this job skipped. */
    @ActivityMethod
    RecordErrors recordErrors(FileJobRef job);

    /** Deletes the stored file (its chunks go with it). */
    @ActivityMethod
    void deleteFile(FileJobRef job);
}
