package dev.kinflow.duplicates;

import dev.kinflow.contacts.Contact;
import dev.kinflow.contacts.ContactRepository;
import dev.kinflow.duplicates.MergeRepository.MergeRow;
import dev.kinflow.duplicates.MergeSnapshot.ConversationBefore;
import dev.kinflow.duplicates.MergeSnapshot.RelationshipChanges;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merges one contact into another in a single transaction, undoes such a merge exactly, and previews a merge.
 *
 * <p>The merged contact keeps its row ({@code merged_into} = survivor, hidden by the contacts API). The work is done
 * by one {@link MergeStep} per kind of data, in this order: notes, activities, reminders, tasks and import records
 * move whole; emails/phones, addresses and photos move unless the survivor has an equal one ({@link MovedRowsStep});
 * tags ({@link TagMergeStep}); conversations ({@link ConversationMoveStep}); relationships
 * ({@link RelationshipMergeStep}); duplicate candidates ({@link CandidateMergeStep}); the contact rows
 * ({@link ScalarMergeStep}). Each step's return value is its part of the typed {@link MergeSnapshot} stored in
 * {@code merges}; undo hands it back to the same step, in reverse order. Merging the same pair again returns the
 * existing merge; undoing twice is a no-op.
 */
@Service
public class MergeService {

    private static final String PHOTOS = "photos";

    private final TransactionTemplate tx;
    private final MergeRepository merges;
    private final ContactRepository contacts;
    private final JdbcClient jdbc;
    private final List<MovedRowsStep> rowSteps;
    private final TagMergeStep tags;
    private final ConversationMoveStep conversations;
    private final RelationshipMergeStep relationships;
    private final CandidateMergeStep candidates;
    private final ScalarMergeStep scalars;

    public MergeService(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json) {
        this.tx = new TransactionTemplate(transactions);
        this.merges = new MergeRepository(jdbc, json);
        this.contacts = new ContactRepository(jdbc, json);
        this.jdbc = jdbc;
        this.rowSteps = List.of(
                MovedRowsStep.whole(jdbc, "notes"),
                MovedRowsStep.whole(jdbc, "contact_activities"),
                MovedRowsStep.whole(jdbc, "reminders"),
                MovedRowsStep.whole(jdbc, "tasks"),
                MovedRowsStep.whole(jdbc, "import_records"),
                MovedRowsStep.unlessEqual(jdbc, "contact_fields", "%1$s.kind || ':' || %1$s.value"),
                MovedRowsStep.unlessEqual(jdbc, "addresses", "coalesce(%1$s.normalized_key, lower(concat_ws('|', "
                        + "%1$s.line1, %1$s.line2, %1$s.city, %1$s.region, %1$s.postal_code, %1$s.country)))"),
                MovedRowsStep.unlessEqual(jdbc, PHOTOS, "%1$s.content_hash"));
        this.tags = new TagMergeStep(jdbc);
        this.conversations = new ConversationMoveStep(jdbc);
        this.relationships = new RelationshipMergeStep(jdbc);
        this.candidates = new CandidateMergeStep(jdbc);
        this.scalars = new ScalarMergeStep(jdbc, json);
    }

    /**
     * Merges {@code mergedId} into {@code survivorId}. Both must be live contacts of the account (else
     * {@link MergeRefusedException.Reason#NOT_FOUND}); merging a pair that is already merged this way returns the
     * existing merge.
     */
    public MergeOutcome merge(UUID accountId, long survivorId, long mergedId, Long candidateId, String actor) {
        MergePair pair = pair(accountId, survivorId, mergedId);
        return tx.execute(status -> {
            Map<Long, Long> mergedInto = lock(pair);
            if (Objects.equals(mergedInto.get(mergedId), survivorId)) {
                return new MergeOutcome(merges.appliedMerge(accountId, survivorId, mergedId), survivorId, mergedId,
                        false);
            }
            refuseIfMerged(mergedInto);
            MergeSnapshot snapshot = applySteps(pair);
            merges.markMerged(mergedId, survivorId);
            long mergeId = merges.insert(pair, candidateId, actor, snapshot);
            merges.audit(pair, actor, "contact.merge", mergeId);
            return new MergeOutcome(mergeId, survivorId, mergedId, true);
        });
    }

    /**
     * Merges any two live contacts of the account by hand; the pending candidate between them, if any, is recorded
     * with the merge and becomes {@code merged}.
     */
    public MergeOutcome mergeContacts(UUID accountId, long survivorId, long otherId) {
        Long candidate = merges.candidateBetween(accountId, survivorId, otherId).orElse(null);
        return merge(accountId, survivorId, otherId, candidate, "user");
    }

    /** What {@link #mergeContacts} would do, from the real merge run in a rolled-back transaction. */
    public MergePreview preview(UUID accountId, long survivorId, long otherId) {
        MergePair pair = pair(accountId, survivorId, otherId);
        return tx.execute(status -> {
            status.setRollbackOnly();
            Map<Long, Long> mergedInto = lock(pair);
            if (mergedInto.get(otherId) != null) {
                throw MergeRefusedException.notFound("Contact");
            }
            refuseIfMerged(mergedInto);
            MergeSnapshot snapshot = applySteps(pair);
            merges.markMerged(otherId, survivorId);
            Contact survivor = contacts.find(accountId, survivorId).orElseThrow();
            long photosLeft = jdbc.sql("SELECT count(*) FROM photos WHERE contact_id = ?").param(otherId)
                    .query(Long.class).single();
            Map<String, List<Long>> moved = snapshot.moved();
            return new MergePreview(survivor, otherId, new MergePreview.Moves(
                    moved.get("notes").size(), moved.get("contact_activities").size(),
                    moved.get("reminders").size(), moved.get("tasks").size(),
                    snapshot.relationships().repointed().size(), snapshot.relationships().removed().size(),
                    moved.get(PHOTOS).size(), photosLeft, snapshot.conversations().size()));
        });
    }

    /** Undoes a merge of the account; a merge already undone is left as it is. */
    public MergeOutcome undo(UUID accountId, long mergeId) {
        return tx.execute(status -> {
            MergeRow merge = merges.lockMerge(accountId, mergeId)
                    .orElseThrow(() -> MergeRefusedException.notFound("Merge"));
            MergePair pair = new MergePair(accountId, merge.survivorId(), merge.mergedId());
            if ("undone".equals(merge.status())) {
                return new MergeOutcome(mergeId, pair.survivorId(), pair.mergedId(), false);
            }
            Map<Long, Long> mergedInto = merges.lockContacts(accountId, pair.survivorId(), pair.mergedId());
            if (mergedInto.get(pair.survivorId()) != null) {
                throw MergeRefusedException.conflict("The survivor has since been merged into another contact; "
                        + "undo that merge first");
            }
            undoSteps(pair, merge.snapshot());
            merges.markUndone(mergeId);
            merges.audit(pair, "user", "contact.merge.undo", mergeId);
            return new MergeOutcome(mergeId, pair.survivorId(), pair.mergedId(), true);
        });
    }

    private static MergePair pair(UUID accountId, long survivorId, long mergedId) {
        if (survivorId == mergedId) {
            throw new MergeRefusedException(MergeRefusedException.Reason.INVALID,
                    "A contact cannot be merged into itself");
        }
        return new MergePair(accountId, survivorId, mergedId);
    }

    private Map<Long, Long> lock(MergePair pair) {
        Map<Long, Long> mergedInto = merges.lockContacts(pair.accountId(), pair.survivorId(), pair.mergedId());
        if (mergedInto.size() < 2) {
            throw MergeRefusedException.notFound("Contact");
        }
        return mergedInto;
    }

    private static void refuseIfMerged(Map<Long, Long> mergedInto) {
        if (mergedInto.values().stream().anyMatch(Objects::nonNull)) {
            throw MergeRefusedException.conflict("One of the contacts has already been merged into another contact");
        }
    }

    private MergeSnapshot applySteps(MergePair pair) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        for (MovedRowsStep step : rowSteps) {
            moved.put(step.table(), step.apply(pair));
        }
        moved.put(TagMergeStep.TABLE, tags.apply(pair));
        List<ConversationBefore> conversationsBefore = conversations.apply(pair);
        RelationshipChanges relationshipChanges = relationships.apply(pair);
        List<String> candidatesBefore = candidates.apply(pair);
        ScalarMergeStep.Change contactRows = scalars.apply(pair);
        return new MergeSnapshot(contactRows.survivor(), contactRows.merged(), contactRows.mergedAt(), moved,
                conversationsBefore, relationshipChanges, candidatesBefore, contactRows.gained());
    }

    private void undoSteps(MergePair pair, MergeSnapshot snapshot) {
        candidates.undo(pair, snapshot.candidates());
        relationships.undo(pair, snapshot.relationships());
        List<Long> movedTags = snapshot.moved().get(TagMergeStep.TABLE);
        if (movedTags != null) {
            tags.undo(pair, movedTags);
        }
        for (MovedRowsStep step : rowSteps) {
            List<Long> moved = snapshot.moved().get(step.table());
            if (moved != null) {
                step.undo(pair, moved);
            }
        }
        conversations.undo(pair, snapshot.conversations());
        scalars.undo(pair, new ScalarMergeStep.Change(snapshot.survivor(), snapshot.merged(), snapshot.mergedAt(),
                snapshot.gained()));
    }

    static String pgArray(List<? extends Number> ids) {
        StringBuilder out = new StringBuilder("{");
        for (Number id : ids) {
            out.append(out.length() == 1 ? "" : ",").append(id.longValue());
        }
        return out.append('}').toString();
    }
}
