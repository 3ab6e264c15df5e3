package dev.kinflow.imports;

import dev.kinflow.imports.ImportFileRepository.StoredFile;
import dev.kinflow.jobs.JobConflictException;
import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.jobs.JobLauncher.Launched;
import dev.kinflow.jobs.JobRunRepository;
import io.temporal.client.WorkflowClient;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Starts a {@link FileImportWorkflow}: stores the uploaded file in PostgreSQL ({@link FileUploadStore}), records the
 * job (kind {@code import}: one running import per account, Monica or file) and starts the workflow with the file's id
 * and counts only. On refusal or failure to start, the stored file is deleted again.
 */
@Component
public class FileImportStarter {

    /** The job parameter naming the stored file, so a job that ends abnormally still gets it deleted. */
    static final String FILE_PARAM = "fileId";

    private final JobLauncher launcher;
    private final JobRunRepository jobs;
    private final FileUploadStore uploads;
    private final ImportFileRepository files;

    public FileImportStarter(JobLauncher launcher, JobRunRepository jobs, FileUploadStore uploads,
                             ImportFileRepository files) {
        this.launcher = launcher;
        this.jobs = jobs;
        this.uploads = uploads;
        this.files = files;
    }

    public ImportStarter.Started start(UUID accountId, FileFormat format, InputStream content,
                                       FileUploadOptions options) {
        refuseWhileAnImportRuns(accountId);
        StoredFile file = uploads.store(accountId, format, content, options);
        UUID importId = UUID.randomUUID();
        String workflowId = FileImportWorkflow.workflowId(importId.toString());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("importId", importId.toString());
        params.put("source", format.value());
        params.put(FILE_PARAM, file.id().toString());
        params.put("file", Map.of("sizeBytes", file.sizeBytes(), "records", file.records(), "chunks", file.chunks(),
                "sha256", file.contentHash()));
        Map<String, Object> shownOptions = new LinkedHashMap<>();
        shownOptions.put("autoMerge", options.autoMerge());
        shownOptions.put("defaultRegion", options.defaultRegion());
        shownOptions.put("tags", options.tags());
        params.put("options", shownOptions);
        JobSpec spec = new JobSpec(accountId, FileImportWorkflow.KIND, workflowId,
                (format == FileFormat.CSV ? "CSV" : "vCard") + " file import, " + file.records() + " records", params);
        try {
            Launched launched = launcher.launch(spec, o -> { }, (workflowOptions, jobId) -> WorkflowClient.start(
                    launcher.client().newWorkflowStub(FileImportWorkflow.class, workflowOptions)::importFile,
                    new FileImportRequest(accountId.toString(), jobId, importId.toString(), file.id().toString(),
                            file.source(), file.chunks(), file.records(), options.autoMerge(), null)));
            return new ImportStarter.Started(importId, workflowId, launched.job());
        } catch (DuplicateKeyException concurrent) {
            files.delete(accountId, file.id());
            throw new JobConflictException("An import is already running for this account");
        } catch (RuntimeException failed) {
            files.delete(accountId, file.id());
            throw failed;
        }
    }

    private void refuseWhileAnImportRuns(UUID accountId) {
        if (jobs.findRunningForAccount(accountId).stream().anyMatch(j -> j.kind().equals(FileImportWorkflow.KIND))) {
            throw new JobConflictException("An import is already running for this account");
        }
    }
}
