package dev.kinflow.imports;

import dev.kinflow.jobs.JobCloseHook;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobStatus;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** An import that ended without its workflow's cleanup (e.g. terminated) still has its stored Monica token deleted. */
@Component
public class ImportCloseHook implements JobCloseHook {

    private final CredentialStore credentials;

    public ImportCloseHook(CredentialStore credentials) {
        this.credentials = credentials;
    }

    @Override
    public String kind() {
        return ContactImportWorkflow.KIND;
    }

    @Override
    public void closedWithoutOutcome(JobRun job, JobStatus status) {
        if (job.params().get(ImportStarter.CREDENTIAL_PARAM) instanceof String credentialId) {
            credentials.delete(job.accountId(), UUID.fromString(credentialId));
        }
    }
}
