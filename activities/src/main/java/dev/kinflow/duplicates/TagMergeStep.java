package dev.kinflow.duplicates;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Moves the merged contact's tags the survivor does not have; the snapshot part is the moved tag ids. */
final class TagMergeStep implements MergeStep<List<Long>> {

    static final String TABLE = "contact_tags";

    private final JdbcClient jdbc;

    TagMergeStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Long> apply(MergePair pair) {
        return jdbc.sql("""
                        UPDATE contact_tags SET contact_id = :s WHERE account_id = :a AND contact_id = :m
                        AND tag_id NOT IN (SELECT tag_id FROM contact_tags WHERE contact_id = :s) RETURNING tag_id""")
                .param("s", pair.survivorId()).param("m", pair.mergedId()).param("a", pair.accountId())
                .query(Long.class).list();
    }

    @Override
    public void undo(MergePair pair, List<Long> tagIds) {
        jdbc.sql("UPDATE contact_tags SET contact_id = :m WHERE contact_id = :s "
                        + "AND tag_id = ANY(CAST(:ids AS bigint[]))")
                .param("m", pair.mergedId()).param("s", pair.survivorId()).param("ids", MergeService.pgArray(tagIds))
                .update();
    }
}
