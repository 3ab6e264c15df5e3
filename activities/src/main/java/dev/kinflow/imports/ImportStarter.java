package dev.kinflow.imports;

import dev.kinflow.jobs.JobConflictException;
import dev.kinflow.jobs.JobLauncher;
import dev.kinflow.jobs.JobLauncher.JobSpec;
import dev.kinflow.jobs.JobLauncher.Launched;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobRunRepository;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Starts a {@link ContactImportWorkflow}: stores the Monica token encrypted, records the job and starts the workflow
 * with the credential's id only. One running import per account (a unique index makes concurrent requests safe); on
 * refusal or failure to start, the credential is deleted again.
 */
@Component
public class ImportStarter {

    static final String CREDENTIAL_KIND = "monica-token";

    private final JobLauncher launcher;
    private final JobRunRepository jobs;
    private final CredentialStore credentials;
    private final JdbcClient jdbc;

    public ImportStarter(JobLauncher launcher, JobRunRepository jobs, CredentialStore credentials, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.launcher = launcher;
        this.jobs = jobs;
        this.credentials = credentials;
    }

    /** The job parameter naming the stored token, so a job that ends abnormally still gets it deleted. */
    static final String CREDENTIAL_PARAM = "credentialId";
    /** The job parameters linking a retry to the job (and import) it retries. */
    public static final String RETRY_OF_PARAM = "retryOf";
    public static final String RETRY_OF_IMPORT_PARAM = "retryOfImport";

    /** A started import. */
    public record Started(UUID importId, String workflowId, JobRun job) {
    }

    public Started start(UUID accountId, String baseUrl, String apiToken, ImportOptions options) {
        return start(accountId, baseUrl, apiToken, options, null);
    }

    /** What a retried import links to: the failed job and its import id. */
    public record RetryOf(UUID jobId, UUID importId) {
    }

    /** Starts an import; {@code retryOf} (or null) links it to the failed import it retries. */
    public Started start(UUID accountId, String baseUrl, String apiToken, ImportOptions options, RetryOf retryOf) {
        if (runningImport(accountId).isPresent()) {
            throw new JobConflictException("An import is already running for this account");
        }
        UUID importId = UUID.randomUUID();
        UUID credentialId = credentials.store(accountId, CREDENTIAL_KIND, apiToken);
        String workflowId = ContactImportWorkflow.workflowId(importId.toString());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("importId", importId.toString());
        params.put("source", "monica");
        params.put("baseUrl", baseUrl);
        params.put(CREDENTIAL_PARAM, credentialId.toString());
        params.put("options", Map.of("photos", options.photos(), "autoMerge", options.autoMerge(),
                "extraData", options.extraData(), "defaultRegion", String.valueOf(options.defaultRegion()),
                "requestsPerMinute", options.requestsPerMinute()));
        if (retryOf != null) {
            params.put(RETRY_OF_PARAM, retryOf.jobId().toString());
            params.put(RETRY_OF_IMPORT_PARAM, retryOf.importId().toString());
        }
        JobSpec spec = new JobSpec(accountId, ContactImportWorkflow.KIND, workflowId,
                "Monica import from " + URI.create(baseUrl).getHost(), params);
        try {
            Launched launched = launcher.launch(spec, o -> { }, (workflowOptions, jobId) -> WorkflowClient.start(
                    launcher.client().newWorkflowStub(ContactImportWorkflow.class, workflowOptions)::importContacts,
                    new ImportRequest(accountId.toString(), jobId, importId.toString(), credentialId.toString(),
                            baseUrl, options, null)));
            return new Started(importId, workflowId, launched.job());
        } catch (DuplicateKeyException concurrent) {
            credentials.delete(accountId, credentialId);
            throw new JobConflictException("An import is already running for this account");
        } catch (RuntimeException failed) {
            credentials.delete(accountId, credentialId);
            throw failed;
        }
    }

    /** The import job of an account by import id (another account's import is absent). */
    public Optional<JobRun> find(UUID accountId, UUID importId) {
        return jdbc.sql("SELECT id FROM job_runs WHERE account_id = ? AND workflow_id = ? ORDER BY created_at DESC")
                .params(accountId, ContactImportWorkflow.workflowId(importId.toString()))
                .query(UUID.class).list().stream().findFirst()
                .flatMap(jobId -> jobs.find(accountId, jobId));
    }

    private Optional<JobRun> runningImport(UUID accountId) {
        return jobs.findRunningForAccount(accountId).stream()
                .filter(j -> j.kind().equals(ContactImportWorkflow.KIND)).findFirst();
    }

    /** The options an import ran with, as its job recorded them (to retry it with the same ones). */
    public static ImportOptions recordedOptions(JobRun job) {
        Object recorded = job.params() == null ? null : job.params().get("options");
        Map<?, ?> options = recorded instanceof Map<?, ?> map ? map : Map.of();
        Object region = options.get("defaultRegion");
        Object perMinute = options.get("requestsPerMinute");
        return new ImportOptions(!Boolean.FALSE.equals(options.get("photos")),
                !Boolean.FALSE.equals(options.get("autoMerge")), !Boolean.FALSE.equals(options.get("extraData")),
                region == null || "null".equals(region) ? null : String.valueOf(region),
                perMinute instanceof Number n ? n.intValue() : ImportOptions.DEFAULT_REQUESTS_PER_MINUTE);
    }

    /** The import id a job was started for. */
    public static UUID importIdOf(JobRun job) {
        return UUID.fromString(String.valueOf(job.params().get("importId")));
    }

    /** Asks the import's workflow to cancel; false when it is not running. */
    public boolean cancel(JobRun job) {
        if (job.status().isFinal()) {
            return false;
        }
        launcher.client().newUntypedWorkflowStub(job.workflowId()).cancel();
        return true;
    }
}
