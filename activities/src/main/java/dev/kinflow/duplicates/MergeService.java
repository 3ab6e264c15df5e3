package dev.kinflow.duplicates;

import dev.kinflow.conversations.ConversationKeys;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merges one contact into another in a single transaction, and undoes such a merge exactly.
 *
 * <p>The merged contact keeps its row ({@code merged_into} = survivor, hidden by the contacts API). Its notes,
 * activities, reminders, tasks, conversations and import records move to the survivor; its conversations take the
 * survivor's canonical key, and any that would be a second open conversation under that key is closed into the open
 * one ({@code merged_into}), so the unique open-key index holds and one person keeps one open conversation; its emails, phones,
 * addresses, tags and photos move only when the survivor has no equal value (canonical value, address key, tag,
 * content hash), so the survivor never holds a duplicate and a photo both have never violates
 * {@code unique(contact_id, content_hash)}. Relationships are re-pointed, or removed when re-pointing would make a
 * self-relationship or a duplicate. The survivor keeps its scalar values and gains the ones it lacks. Other duplicate
 * candidates of the merged contact are re-pointed to the survivor, or closed when the survivor already has that pair.
 *
 * <p>The snapshot stores the id of every moved row, every removed relationship and every touched candidate in full,
 * and both contact rows, so that {@link #undo} restores both contacts exactly. Merging the same pair again returns
 * the existing merge; undoing twice is a no-op.
 */
@Service
public class MergeService {

    /** Tables whose rows all belong to the survivor after a merge. */
    private static final List<String> MOVED_WHOLE = List.of(
            "notes", "contact_activities", "reminders", "tasks", "import_records");

    /** Tables whose rows move unless the survivor has an equal one, with the expression that defines "equal". */
    private static final Map<String, String> MOVED_UNLESS_EQUAL = new LinkedHashMap<>();

    static {
        MOVED_UNLESS_EQUAL.put("contact_fields", "%1$s.kind || ':' || %1$s.value");
        MOVED_UNLESS_EQUAL.put("addresses", "coalesce(%1$s.normalized_key, lower(concat_ws('|', %1$s.line1, "
                + "%1$s.line2, %1$s.city, %1$s.region, %1$s.postal_code, %1$s.country)))");
        MOVED_UNLESS_EQUAL.put("photos", "%1$s.content_hash");
    }

    /** Scalars the survivor gains from the merged contact when it has none. */
    private static final List<String> GAINED_SCALARS = List.of(
            "last_name", "nickname", "company", "job_title", "birthdate");

    /** Every scalar of a contact row that a merge may change and undo restores. */
    private static final List<String> CONTACT_COLUMNS = List.of(
            "first_name", "last_name", "nickname", "company", "job_title", "birthdate", "is_partial", "merged_into",
            "avatar_photo_id", "origin", "created_at", "updated_at");

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public MergeService(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
    }

    /**
     * Merges {@code mergedId} into {@code survivorId}. Both must be live contacts of the account (else
     * {@link MergeRefusedException.Reason#NOT_FOUND}); merging a pair that is already merged this way returns the
     * existing merge.
     */
    public MergeOutcome merge(UUID accountId, long survivorId, long mergedId, Long candidateId, String actor) {
        if (survivorId == mergedId) {
            throw new MergeRefusedException(MergeRefusedException.Reason.INVALID,
                    "A contact cannot be merged into itself");
        }
        return tx.execute(status -> mergeInTransaction(accountId, survivorId, mergedId, candidateId, actor));
    }

    /** Undoes a merge of the account; a merge already undone is left as it is. */
    public MergeOutcome undo(UUID accountId, long mergeId) {
        return tx.execute(status -> undoInTransaction(accountId, mergeId));
    }

    private MergeOutcome mergeInTransaction(UUID account, long survivor, long merged, Long candidateId, String actor) {
        Map<Long, Long> mergedInto = new LinkedHashMap<>();
        jdbc.sql("SELECT id, merged_into FROM contacts WHERE account_id = ? AND id IN (?, ?) ORDER BY id FOR UPDATE")
                .params(account, survivor, merged)
                .query((RowCallbackHandler) rs -> mergedInto.put(rs.getLong("id"), rs.getObject("merged_into", Long.class)));
        if (mergedInto.size() < 2) {
            throw MergeRefusedException.notFound("Contact");
        }
        if (Objects.equals(mergedInto.get(merged), survivor)) {
            long existing = jdbc.sql("SELECT id FROM merges WHERE account_id = ? AND merged_id = ? AND survivor_id = ? "
                            + "AND status = 'applied'")
                    .params(account, merged, survivor).query(Long.class).single();
            return new MergeOutcome(existing, survivor, merged, false);
        }
        if (mergedInto.get(merged) != null || mergedInto.get(survivor) != null) {
            throw MergeRefusedException.conflict("One of the contacts has already been merged into another contact");
        }
        OffsetDateTime now = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("survivor", contactRow(survivor));
        snapshot.put("merged", contactRow(merged));
        snapshot.put("mergedAt", now.toString());

        Map<String, List<Long>> moved = new LinkedHashMap<>();
        for (String table : MOVED_WHOLE) {
            moved.put(table, jdbc.sql("UPDATE " + table + " SET contact_id = :s WHERE account_id = :a "
                            + "AND contact_id = :m RETURNING id")
                    .param("s", survivor).param("m", merged).param("a", account).query(Long.class).list());
        }
        MOVED_UNLESS_EQUAL.forEach((table, key) -> {
            String mergedKey = key.formatted("m");
            moved.put(table, jdbc.sql("UPDATE " + table + " SET contact_id = :s WHERE id IN ("
                            + " SELECT DISTINCT ON (" + mergedKey + ") m.id FROM " + table + " m"
                            + " WHERE m.account_id = :a AND m.contact_id = :m AND NOT EXISTS ("
                            + "  SELECT 1 FROM " + table + " s WHERE s.contact_id = :s"
                            + "  AND " + key.formatted("s") + " = " + mergedKey + ")"
                            + " ORDER BY " + mergedKey + ", m.id) RETURNING id")
                    .param("s", survivor).param("m", merged).param("a", account).query(Long.class).list());
        });
        moved.put("contact_tags", jdbc.sql("""
                        UPDATE contact_tags SET contact_id = :s WHERE account_id = :a AND contact_id = :m
                        AND tag_id NOT IN (SELECT tag_id FROM contact_tags WHERE contact_id = :s) RETURNING tag_id""")
                .param("s", survivor).param("m", merged).param("a", account).query(Long.class).list());
        snapshot.put("moved", moved);
        snapshot.put("conversations", moveConversations(account, survivor, merged));
        snapshot.put("relationships", repointRelationships(account, survivor, merged));
        snapshot.put("candidates", repointCandidates(account, survivor, merged));
        snapshot.put("gained", gainScalars(survivor, merged));

        jdbc.sql("UPDATE contacts SET merged_into = ?, updated_at = now() WHERE id = ?").params(survivor, merged).update();
        long mergeId = jdbc.sql("""
                        INSERT INTO merges (account_id, survivor_id, merged_id, candidate_id, actor, snapshot)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb)) RETURNING id""")
                .params(account, survivor, merged, candidateId, actor, json.writeValueAsString(snapshot))
                .query(Long.class).single();
        audit(account, actor, "contact.merge", mergeId, survivor, merged);
        return new MergeOutcome(mergeId, survivor, merged, true);
    }

    private Map<String, Object> contactRow(long id) {
        return json.readValue(jdbc.sql("SELECT CAST(to_jsonb(c) - 'name_norm' AS text) FROM contacts c WHERE id = ?")
                .param(id).query(String.class).single(), MAP);
    }

    /**
     * Moves the merged contact's conversations to the survivor's canonical key. The survivor's open conversation (or,
     * when it has none, the merged contact's most recent open one) stays open; every other open one is closed into it.
     * Returns each moved conversation as it was, for undo.
     */
    private List<Map<String, Object>> moveConversations(UUID account, long survivor, long merged) {
        String key = ConversationKeys.forContact(account, survivor);
        List<Map<String, Object>> before = jdbc.sql("""
                        SELECT id, canonical_key, status, merged_into FROM conversations
                        WHERE account_id = :a AND contact_id = :m
                        ORDER BY last_message_at DESC NULLS LAST, id DESC FOR UPDATE""")
                .param("a", account).param("m", merged).query().listOfRows();
        Long open = jdbc.sql("SELECT id FROM conversations WHERE account_id = ? AND canonical_key = ? "
                        + "AND status = 'open' ORDER BY id LIMIT 1")
                .params(account, key).query(Long.class).optional().orElse(null);
        for (Map<String, Object> row : before) {
            long id = ((Number) row.get("id")).longValue();
            boolean closeIt = "open".equals(row.get("status")) && open != null;
            jdbc.sql("""
                            UPDATE conversations SET contact_id = :s, canonical_key = :k,
                                status = CASE WHEN :close THEN 'closed' ELSE status END,
                                merged_into = CASE WHEN :close THEN :into ELSE merged_into END
                            WHERE id = :id""")
                    .param("s", survivor).param("k", key).param("close", closeIt).param("into", open)
                    .param("id", id).update();
            if (open == null && "open".equals(row.get("status"))) {
                open = id;
            }
        }
        return before;
    }

    private Map<String, Object> repointRelationships(UUID account, long survivor, long merged) {
        List<Map<String, Object>> repointed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT id, contact_id, related_contact_id, type FROM relationships
                        WHERE account_id = :a AND (contact_id = :m OR related_contact_id = :m) ORDER BY id""")
                .param("a", account).param("m", merged).query().listOfRows();
        for (Map<String, Object> row : rows) {
            long id = ((Number) row.get("id")).longValue();
            long from = ((Number) row.get("contact_id")).longValue();
            long to = ((Number) row.get("related_contact_id")).longValue();
            long newFrom = from == merged ? survivor : from;
            long newTo = to == merged ? survivor : to;
            int updated = newFrom == newTo ? 0 : jdbc.sql("""
                            UPDATE relationships SET contact_id = :f, related_contact_id = :t WHERE id = :id
                            AND NOT EXISTS (SELECT 1 FROM relationships
                                            WHERE contact_id = :f AND related_contact_id = :t AND type = :type)""")
                    .param("f", newFrom).param("t", newTo).param("id", id).param("type", row.get("type")).update();
            if (updated == 1) {
                repointed.add(Map.of("id", id, "contactId", from, "relatedContactId", to));
            } else {
                removed.add(jdbc.sql("DELETE FROM relationships r WHERE id = ? RETURNING CAST(to_jsonb(r) AS text)")
                        .param(id).query(String.class).single());
            }
        }
        return Map.of("repointed", repointed, "removed", removed);
    }

    private List<String> repointCandidates(UUID account, long survivor, long merged) {
        List<String> before = jdbc.sql("""
                        SELECT CAST(to_jsonb(d) AS text) FROM duplicate_candidates d
                        WHERE account_id = :a AND (contact_a = :m OR contact_b = :m) AND status <> 'merged'
                        ORDER BY id""")
                .param("a", account).param("m", merged).query(String.class).list();
        for (String row : before) {
            Map<String, Object> c = json.readValue(row, MAP);
            long id = ((Number) c.get("id")).longValue();
            long a = ((Number) c.get("contact_a")).longValue();
            long other = a == merged ? ((Number) c.get("contact_b")).longValue() : a;
            int repointed = other == survivor ? 0 : jdbc.sql("""
                            UPDATE duplicate_candidates SET contact_a = :x, contact_b = :y, updated_at = now()
                            WHERE id = :id AND NOT EXISTS (SELECT 1 FROM duplicate_candidates
                                WHERE account_id = :acc AND contact_a = :x AND contact_b = :y)""")
                    .param("x", Math.min(survivor, other)).param("y", Math.max(survivor, other))
                    .param("id", id).param("acc", account).update();
            if (repointed == 0) {
                jdbc.sql("UPDATE duplicate_candidates SET status = 'merged', updated_at = now() WHERE id = ?")
                        .param(id).update();
            }
        }
        return before;
    }

    private Map<String, Object> gainScalars(long survivor, long merged) {
        Map<String, Object> gained = new LinkedHashMap<>();
        for (String column : GAINED_SCALARS) {
            int changed = jdbc.sql("UPDATE contacts s SET " + column + " = m." + column
                            + " FROM contacts m WHERE s.id = :s AND m.id = :m AND m." + column + " IS NOT NULL"
                            + " AND (s." + column + " IS NULL OR CAST(s." + column + " AS text) = '')")
                    .param("s", survivor).param("m", merged).update();
            if (changed == 1) {
                gained.put(column, true);
            }
        }
        int avatar = jdbc.sql("""
                        UPDATE contacts s SET avatar_photo_id = p.id
                        FROM contacts m JOIN photos mp ON mp.id = m.avatar_photo_id, photos p
                        WHERE s.id = :s AND m.id = :m AND s.avatar_photo_id IS NULL
                          AND p.contact_id = :s AND p.content_hash = mp.content_hash""")
                .param("s", survivor).param("m", merged).update();
        if (avatar == 1) {
            gained.put("avatar_photo_id", true);
        }
        jdbc.sql("UPDATE contacts SET updated_at = now(), origin = CASE WHEN :gained THEN 'merge' ELSE origin END "
                        + "WHERE id = :s")
                .param("gained", !gained.isEmpty()).param("s", survivor).update();
        return gained;
    }

    private MergeOutcome undoInTransaction(UUID account, long mergeId) {
        Map<String, Object> merge = jdbc.sql("""
                        SELECT survivor_id, merged_id, status, CAST(snapshot AS text) AS snapshot FROM merges
                        WHERE account_id = ? AND id = ? FOR UPDATE""")
                .params(account, mergeId).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> MergeRefusedException.notFound("Merge"));
        long survivor = ((Number) merge.get("survivor_id")).longValue();
        long merged = ((Number) merge.get("merged_id")).longValue();
        if ("undone".equals(merge.get("status"))) {
            return new MergeOutcome(mergeId, survivor, merged, false);
        }
        jdbc.sql("SELECT id FROM contacts WHERE id IN (?, ?) ORDER BY id FOR UPDATE").params(survivor, merged)
                .query(Long.class).list();
        Long survivorInto = jdbc.sql("SELECT merged_into FROM contacts WHERE id = ?").param(survivor)
                .query(Long.class).optional().orElse(null);
        if (survivorInto != null) {
            throw MergeRefusedException.conflict("The survivor has since been merged into another contact; "
                    + "undo that merge first");
        }
        Map<String, Object> snapshot = json.readValue((String) merge.get("snapshot"), MAP);
        restoreCandidates(snapshot);
        restoreRelationships(snapshot);
        @SuppressWarnings("unchecked")
        Map<String, List<Number>> moved = (Map<String, List<Number>>) snapshot.get("moved");
        moved.forEach((table, ids) -> {
            String idColumn = table.equals("contact_tags") ? "tag_id" : "id";
            jdbc.sql("UPDATE " + table + " SET contact_id = :m WHERE contact_id = :s AND " + idColumn
                            + " = ANY(CAST(:ids AS bigint[]))")
                    .param("m", merged).param("s", survivor).param("ids", pgArray(ids)).update();
        });
        restoreConversations(merged, snapshot);
        restoreSurvivor(survivor, snapshot);
        restoreContact(merged, snapshot.get("merged"));
        jdbc.sql("UPDATE merges SET status = 'undone', undone_at = now() WHERE id = ?").param(mergeId).update();
        audit(account, "user", "contact.merge.undo", mergeId, survivor, merged);
        return new MergeOutcome(mergeId, survivor, merged, true);
    }

    @SuppressWarnings("unchecked")
    private void restoreCandidates(Map<String, Object> snapshot) {
        for (String row : (List<String>) snapshot.get("candidates")) {
            jdbc.sql("""
                            UPDATE duplicate_candidates d SET contact_a = r.contact_a, contact_b = r.contact_b,
                                score = r.score, reasons = r.reasons, status = r.status, updated_at = r.updated_at
                            FROM jsonb_populate_record(NULL::duplicate_candidates, CAST(:row AS jsonb)) r
                            WHERE d.id = r.id""")
                    .param("row", row).update();
        }
    }

    @SuppressWarnings("unchecked")
    private void restoreConversations(long merged, Map<String, Object> snapshot) {
        for (Map<String, Object> row : (List<Map<String, Object>>) snapshot.getOrDefault("conversations", List.of())) {
            jdbc.sql("""
                            UPDATE conversations SET contact_id = :m, canonical_key = :k, status = :status,
                                merged_into = :into
                            WHERE id = :id""")
                    .param("m", merged).param("k", row.get("canonical_key")).param("status", row.get("status"))
                    .param("into", row.get("merged_into")).param("id", ((Number) row.get("id")).longValue())
                    .update();
        }
    }

    @SuppressWarnings("unchecked")
    private void restoreRelationships(Map<String, Object> snapshot) {
        Map<String, Object> relationships = (Map<String, Object>) snapshot.get("relationships");
        for (Map<String, Object> row : (List<Map<String, Object>>) relationships.get("repointed")) {
            jdbc.sql("UPDATE relationships SET contact_id = ?, related_contact_id = ? WHERE id = ?")
                    .params(row.get("contactId"), row.get("relatedContactId"), row.get("id")).update();
        }
        for (String row : (List<String>) relationships.get("removed")) {
            jdbc.sql("""
                            INSERT INTO relationships SELECT * FROM jsonb_populate_record(NULL::relationships,
                                                                                          CAST(? AS jsonb))
                            ON CONFLICT DO NOTHING""")
                    .param(row).update();
        }
    }

    /**
     * Restores the survivor's row as it was before the merge when nobody changed it since; otherwise only reverts the
     * values it gained that are still unchanged, so a later edit is kept.
     */
    @SuppressWarnings("unchecked")
    private void restoreSurvivor(long survivor, Map<String, Object> snapshot) {
        OffsetDateTime mergedAt = OffsetDateTime.parse((String) snapshot.get("mergedAt"));
        boolean untouched = jdbc.sql("SELECT updated_at = ? FROM contacts WHERE id = ?").params(mergedAt, survivor)
                .query(Boolean.class).single();
        if (untouched) {
            restoreContact(survivor, snapshot.get("survivor"));
            return;
        }
        Map<String, Object> before = (Map<String, Object>) snapshot.get("survivor");
        Map<String, Object> mergedBefore = (Map<String, Object>) snapshot.get("merged");
        for (String column : ((Map<String, Object>) snapshot.get("gained")).keySet()) {
            Object gainedValue = column.equals("avatar_photo_id") ? null : mergedBefore.get(column);
            jdbc.sql("UPDATE contacts SET " + column + " = CAST(:before AS " + columnType(column) + ") WHERE id = :id"
                            + (gainedValue == null ? "" : " AND CAST(" + column + " AS text) = :gained"))
                    .param("before", before.get(column) == null ? null : before.get(column).toString())
                    .param("id", survivor)
                    .param("gained", gainedValue == null ? "" : gainedValue.toString())
                    .update();
        }
    }

    private static String columnType(String column) {
        return switch (column) {
            case "birthdate" -> "date";
            case "avatar_photo_id" -> "bigint";
            default -> "text";
        };
    }

    private void restoreContact(long id, Object row) {
        StringBuilder set = new StringBuilder();
        for (String column : CONTACT_COLUMNS) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = r.").append(column);
        }
        jdbc.sql("UPDATE contacts c SET " + set + " FROM jsonb_populate_record(NULL::contacts, CAST(:row AS jsonb)) r"
                        + " WHERE c.id = :id")
                .param("row", json.writeValueAsString(row)).param("id", id).update();
    }

    private void audit(UUID account, String actor, String action, long mergeId, long survivor, long merged) {
        jdbc.sql("INSERT INTO audit_logs (account_id, actor, action, details) VALUES (?, ?, ?, CAST(? AS jsonb))")
                .params(account, actor, action, json.writeValueAsString(
                        Map.of("mergeId", mergeId, "survivorId", survivor, "mergedId", merged)))
                .update();
    }

    static String pgArray(List<? extends Number> ids) {
        StringBuilder out = new StringBuilder("{");
        for (Number id : ids) {
            out.append(out.length() == 1 ? "" : ",").append(id.longValue());
        }
        return out.append('}').toString();
    }
}
