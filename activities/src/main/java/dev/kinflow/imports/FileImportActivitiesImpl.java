package dev.kinflow.imports;

import dev.kinflow.common.TaskQueues;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.spring.boot.ActivityImpl;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = TaskQueues.DEFAULT)
public class FileImportActivitiesImpl implements FileImportActivities {

    private final FileChunkImporter importer;
    private final ImportFileRepository files;

    public FileImportActivitiesImpl(FileChunkImporter importer, ImportFileRepository files) {
        this.importer = importer;
        this.files = files;
    }

    @Override
    public FileChunkResult importChunk(FileChunkRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        return importer.importChunk(request, () -> context.heartbeat(request.chunk()));
    }

    @Override
    public RecordErrors recordErrors(FileJobRef job) {
        return new RecordErrors(files.errors(UUID.fromString(job.accountId()), UUID.fromString(job.jobId()),
                RecordErrors.LIMIT));
    }

    @Override
    public void deleteFile(FileJobRef job) {
        files.delete(UUID.fromString(job.accountId()), UUID.fromString(job.fileId()));
    }
}
