package dev.kinflow.conversations;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Merges duplicate conversations of one person into a survivor each: the duplicates' messages move to it (none lost;
 * external ids are unique per account, so nothing collides), it takes a push name it lacks and their latest message time, and the duplicates are
 * closed with {@code merged_into} pointing at it. Set-based (one statement per kind of write for any number of
 * pairs); used by the conversation-keys backfill and by identity links ({@link ConversationRepository}).
 */
public final class ConversationMerger {

    private final JdbcClient jdbc;

    public ConversationMerger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Merges {@code duplicates.get(i)} into {@code survivors.get(i)}; already closed duplicates stay closed. */
    public void merge(List<Long> duplicates, List<Long> survivors) {
        if (duplicates.isEmpty()) {
            return;
        }
        Long[] dup = duplicates.toArray(Long[]::new);
        Long[] into = survivors.toArray(Long[]::new);
        jdbc.sql("""
                        UPDATE messages m SET conversation_id = v.survivor
                        FROM unnest(?::bigint[], ?::bigint[]) AS v(duplicate, survivor)
                        WHERE m.conversation_id = v.duplicate""")
                .params(dup, into).update();
        jdbc.sql("""
                        UPDATE conversations s
                        SET push_name = COALESCE(s.push_name, x.push_name), updated_at = now()
                        FROM (SELECT v.survivor,
                                     (array_agg(d.push_name ORDER BY d.last_message_at DESC NULLS LAST)
                                         FILTER (WHERE d.push_name IS NOT NULL))[1] AS push_name
                              FROM unnest(?::bigint[], ?::bigint[]) AS v(duplicate, survivor)
                              JOIN conversations d ON d.id = v.duplicate
                              GROUP BY v.survivor) x
                        WHERE s.id = x.survivor AND s.push_name IS NULL AND x.push_name IS NOT NULL""")
                .params(dup, into).update();
        jdbc.sql("""
                        UPDATE conversations s SET last_message_at = x.last, updated_at = now()
                        FROM (SELECT v.survivor, max(d.last_message_at) AS last
                              FROM unnest(?::bigint[], ?::bigint[]) AS v(duplicate, survivor)
                              JOIN conversations d ON d.id = v.duplicate
                              GROUP BY v.survivor) x
                        WHERE s.id = x.survivor AND x.last > coalesce(s.last_message_at, '-infinity')""")
                .params(dup, into).update();
        jdbc.sql("""
                        UPDATE conversations c SET status = 'closed', merged_into = v.survivor, updated_at = now()
                        FROM unnest(?::bigint[], ?::bigint[]) AS v(duplicate, survivor)
                        WHERE c.id = v.duplicate AND c.status = 'open'""")
                .params(dup, into).update();
    }
}
