package dev.kinflow.imports;

import dev.kinflow.common.JobProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Phase 3 of an import, a child workflow {@code import-{importId}/photos}: pages through {@code GET /api/photos}
 * (paced like the parent), stores each photo from its {@code dataUrl} deduplicated by content hash, sets the avatar
 * and records each photo's outcome (synced, failed {@code no_data_url}, not_found). Idempotent: photos are unique per
 * (contact, content hash) and outcomes per (job, Monica photo id).
 */
@WorkflowInterface
public interface PhotoImportWorkflow {

    static String workflowId(String importId) {
        return "import-" + importId + "/photos";
    }

    @WorkflowMethod
    PhotoImportResult importPhotos(PhotoImportRequest request);

    @QueryMethod
    JobProgress progress();
}
