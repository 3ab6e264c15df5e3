package dev.kinflow.imports;

import dev.kinflow.common.JobProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Imports an uploaded vCard or CSV file into one account: the file, stored in PostgreSQL at upload as chunks of about
 * 1,000 whole records, is written chunk by chunk (cursor: the next chunk number) with the same set-based writer as
 * Monica pages; then auto-merge (option), the totals, the account's duplicate scan, and the stored file is deleted.
 * Bad records are skipped and reported, never fail the import.
 *
 * <p>Workflow id {@code import-{importId}} (job kind {@code import}, so the one-running-import-per-account rule is
 * shared with Monica imports); cancellation stops it between chunks and deletes the file (as do completion and
 * failure). Every record is keyed by (file content hash, record number): a retry or a re-import of the same file
 * writes nothing new. Continues as new every {@link FileImportWorkflowImpl#CHUNKS_PER_RUN} chunks.
 */
@WorkflowInterface
public interface FileImportWorkflow {

    String KIND = ContactImportWorkflow.KIND;

    static String workflowId(String importId) {
        return ContactImportWorkflow.workflowId(importId);
    }

    @WorkflowMethod
    FileImportResult importFile(FileImportRequest request);

    @QueryMethod
    JobProgress progress();
}
