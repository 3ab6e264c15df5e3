package dev.kinflow.duplicates;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to undo one merge exactly, stored as {@code merges.snapshot}. Its JSON shape is the one merges
 * have always been stored with (see {@code snapshot-before-steps.json} in the tests), so merges recorded before the
 * merge was split into steps undo unchanged.
 *
 * @param survivor      the survivor's row before the merge
 * @param merged        the merged contact's row before the merge
 * @param mergedAt      the merge transaction's {@code now()}: the survivor's {@code updated_at} right after it
 * @param moved         per table, the ids of the rows moved to the survivor ({@code contact_tags}: tag ids)
 * @param conversations the merged contact's conversations as they were
 * @param relationships relationships re-pointed to the survivor, and those removed (whole rows)
 * @param candidates    the merged contact's duplicate candidates as they were (whole rows)
 * @param gained        the survivor's columns that took the merged contact's value (value always {@code true})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MergeSnapshot(ContactRow survivor, ContactRow merged, String mergedAt,
                            Map<String, List<Long>> moved, List<ConversationBefore> conversations,
                            RelationshipChanges relationships, List<String> candidates,
                            Map<String, Boolean> gained) {

    /**
     * A contact row as {@code to_jsonb(contacts)} gives it (timestamps and dates as PostgreSQL's text, so they
     * round-trip exactly); restored with {@code jsonb_populate_record}. Columns added later are ignored.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContactRow(long id,
                             @JsonProperty("account_id") String accountId,
                             @JsonProperty("first_name") String firstName,
                             @JsonProperty("last_name") String lastName,
                             String nickname,
                             String company,
                             @JsonProperty("job_title") String jobTitle,
                             String birthdate,
                             @JsonProperty("is_partial") boolean partial,
                             @JsonProperty("merged_into") Long mergedInto,
                             @JsonProperty("avatar_photo_id") Long avatarPhotoId,
                             String origin,
                             @JsonProperty("created_at") String createdAt,
                             @JsonProperty("updated_at") String updatedAt) {

        /** The text of a column a merge may give the survivor ({@link ScalarMergeStep#GAINED}), or null. */
        public String text(String column) {
            Object value = switch (column) {
                case "last_name" -> lastName;
                case "nickname" -> nickname;
                case "company" -> company;
                case "job_title" -> jobTitle;
                case "birthdate" -> birthdate;
                case "avatar_photo_id" -> avatarPhotoId;
                default -> throw new IllegalArgumentException("not a merged column: " + column);
            };
            return value == null ? null : value.toString();
        }
    }

    /** A conversation of the merged contact before the merge re-keyed (and maybe closed) it. */
    public record ConversationBefore(long id,
                                     @JsonProperty("canonical_key") String canonicalKey,
                                     String status,
                                     @JsonProperty("merged_into") Long mergedInto) {
    }

    /** A relationship row whose ends were re-pointed: its ends before. */
    public record Repointed(long id, long contactId, long relatedContactId) {
    }

    /** Relationships re-pointed, and the whole rows of those removed (a self or duplicate relationship). */
    public record RelationshipChanges(List<Repointed> repointed, List<String> removed) {
    }
}
