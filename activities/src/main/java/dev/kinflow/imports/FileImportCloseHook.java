package dev.kinflow.imports;

import dev.kinflow.jobs.JobCloseHook;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobStatus;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A file import that ended without its workflow's cleanup (e.g. terminated) still has its stored file deleted. */
@Component
public class FileImportCloseHook implements JobCloseHook {

    private final ImportFileRepository files;

    public FileImportCloseHook(ImportFileRepository files) {
        this.files = files;
    }

    @Override
    public String kind() {
        return FileImportWorkflow.KIND;
    }

    @Override
    public void closedWithoutOutcome(JobRun job, JobStatus status) {
        if (job.params() != null && job.params().get(FileImportStarter.FILE_PARAM) instanceof String fileId) {
            files.delete(job.accountId(), UUID.fromString(fileId));
        }
    }
}
