package dev.kinflow.imports;

import dev.kinflow.common.JobProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Imports the contacts of a Monica instance into one account: listing crawl driven by {@code meta.last_page}
 * (phase 1), coverage backfill of ids the listing skipped (1.4), auto-merge (1.5, option), relationships and "first
 * met through" (2), extra data through the account-wide listings, verified against each contact's statistics with a
 * per-contact fallback (4, option; {@code ExtraDataImport}), photos in a child workflow
 * {@code import-{importId}/photos} (3, option), then the account's duplicate scan. Every Monica request draws from
 * the credential's request budget, shared with every other user of the same token; the workflow waits for its slot
 * with durable timers ({@link PacedMonica}).
 *
 * <p>Workflow id {@code import-{importId}}; cancellation stops it, leaves what was imported consistent and deletes the
 * credential (as do completion and failure). Re-running over the same Monica data writes nothing.
 */
@WorkflowInterface
public interface ContactImportWorkflow {

    String KIND = "import";

    static String workflowId(String importId) {
        return "import-" + importId;
    }

    @WorkflowMethod
    ImportResult importContacts(ImportRequest request);

    @QueryMethod
    JobProgress progress();
}
