package dev.kinflow.reset;

import static dev.kinflow.reset.OwnedTable.table;
import static dev.kinflow.reset.ResetDomain.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which reset domain owns which table. THE place to register a new table that has an {@code account_id}: add it to
 * its feature's domain below (or list it in {@link #KEPT} with the reason it survives a reset).
 * {@code ResetRegistrySchemaTest} fails while a table with {@code account_id} is neither owned nor kept, and while a
 * foreign key would make the deletion order fail. See docs/reset.md, "Registering a new feature's tables".
 *
 * <p>Domains run in this order; inside a domain, tables are emptied in the order listed (children first).
 */
public final class ResetRegistry {

    public static final List<ResetDomain> DOMAINS = List.of(
            domain("imports", "import records, import job bookkeeping, uploaded import files and the credentials of "
                            + "import jobs",
                    table("import_record_errors"),
                    table("import_file_chunks"),
                    table("import_files"),
                    table("import_photo_outcomes"),
                    table("import_job_extra_items"),
                    table("import_job_references"),
                    table("import_job_contacts"),
                    table("import_records"),
                    table("credentials")),
            domain("photos", "stored photo bytes",
                    table("photos").inChunksOf(200)),
            domain("outreach", "outreach batches, their items and queue, devices and settings (the bootstrap "
                            + "recreates the default settings)",
                    table("send_queue"),
                    table("outreach_batch_items"),
                    table("outreach_batches"),
                    table("devices"),
                    table("outreach_settings")),
            domain("backfills", "backfill runs of the account and their reports (samples hold contact data)",
                    table("backfill_conversation_keys"),
                    table("backfill_runs")),
            domain("conversations", "conversations, their messages and the peer identity links",
                    table("conversation_peer_links"),
                    table("messages"),
                    table("conversations").detaching("merged_into")),
            domain("journal", "journal entries",
                    table("journal_entries")),
            domain("tasks", "tasks",
                    table("tasks")),
            domain("reminders", "reminders and reminder rules (the bootstrap recreates the default rules)",
                    table("reminders"),
                    table("reminder_rules")),
            domain("notes", "contact activities and notes",
                    table("contact_activities"),
                    table("notes")),
            domain("duplicates", "duplicate candidates, merge snapshots and the scan's watermark",
                    table("merges"),
                    table("duplicate_candidates"),
                    table("duplicate_scan_state")),
            domain("contacts", "contacts with their fields, addresses, tags and relationships",
                    table("contact_tags"),
                    table("tags"),
                    table("relationships"),
                    table("contact_fields"),
                    table("addresses"),
                    table("contacts").detaching("merged_into").inParallel(2)),
            domain("audit", "audit logs (the reset then writes its own entry)",
                    table("audit_logs")));

    /** Tables with an {@code account_id} that a reset leaves alone, and why. */
    public static final Map<String, String> KEPT = Map.of(
            "api_keys", "the account's credentials: the caller keeps using the key that reset the account",
            "job_runs", "the system of record of jobs: the reset's own row, and the jobs it cancelled ending as"
                    + " 'cancelled' (ids, kinds and counts only, no contact data)",
            "send_ledger", "send times only (no contact data): the per-minute/hour/day outreach limits must stay"
                    + " honest across a reset, so budget already spent today is not handed out again");

    /** Owned tables the account bootstrap fills again at the end of the reset. */
    public static final Set<String> RECREATED_BY_BOOTSTRAP = Set.of("outreach_settings", "reminder_rules");

    private ResetRegistry() {
    }

    public static List<String> domainNames() {
        return DOMAINS.stream().map(ResetDomain::name).toList();
    }

    public static Optional<ResetDomain> find(String name) {
        return DOMAINS.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public static List<String> ownedTables() {
        return DOMAINS.stream().flatMap(d -> d.tables().stream()).map(OwnedTable::name).toList();
    }
}
