package dev.kinflow.duplicates;

import dev.kinflow.common.TaskQueues;
import io.temporal.activity.Activity;
import io.temporal.spring.boot.ActivityImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = TaskQueues.DEFAULT)
public class AutoMergeActivitiesImpl implements AutoMergeActivities {

    /** Live contacts the job wrote that have the same normalised name and share an email, phone or address key. */
    private static final String QUALIFYING_PAIRS = """
            WITH imported AS MATERIALIZED (
                SELECT DISTINCT c.id, c.name_norm FROM import_records r JOIN contacts c ON c.id = r.contact_id
                WHERE r.account_id = :account AND r.job_id = :job AND c.account_id = :account
                  AND c.merged_into IS NULL AND c.name_norm <> ''
            ), keys AS MATERIALIZED (
            """ + MatchKeys.keysOf("contact_id IN (SELECT id FROM imported)") + """
            )
            SELECT DISTINCT k1.contact_id AS a, k2.contact_id AS b
            FROM keys k1
            JOIN keys k2 ON k2.signal = k1.signal AND k2.key = k1.key AND k2.contact_id > k1.contact_id
            JOIN imported i1 ON i1.id = k1.contact_id
            JOIN imported i2 ON i2.id = k2.contact_id AND i2.name_norm = i1.name_norm
            ORDER BY a, b""";

    private final JdbcClient jdbc;
    private final MergeService merges;

    public AutoMergeActivitiesImpl(JdbcClient jdbc, MergeService merges) {
        this.jdbc = jdbc;
        this.merges = merges;
    }

    @Override
    public AutoMergeResult autoMergeImported(AutoMergeRequest request) {
        UUID account = UUID.fromString(request.accountId());
        Map<Long, Long> parent = new HashMap<>();
        jdbc.sql(QUALIFYING_PAIRS)
                .param("account", account)
                .param("job", UUID.fromString(request.jobId()))
                .query((RowCallbackHandler) rs -> union(parent, rs.getLong("a"), rs.getLong("b")));
        Map<Long, List<Long>> groups = new TreeMap<>();
        for (Long id : parent.keySet()) {
            groups.computeIfAbsent(find(parent, id), root -> new ArrayList<>()).add(id);
        }
        long merged = 0;
        for (List<Long> group : groups.values()) {
            long survivor = group.stream().mapToLong(Long::longValue).min().orElseThrow();
            for (long member : group.stream().sorted().toList()) {
                if (member != survivor && merges.merge(account, survivor, member, null, "import").applied()) {
                    merged++;
                }
                Activity.getExecutionContext().heartbeat(merged);
            }
        }
        return new AutoMergeResult(groups.size(), merged);
    }

    /** Union-find with the smaller id as root, so a group's survivor is its oldest contact. */
    private static void union(Map<Long, Long> parent, long a, long b) {
        long ra = find(parent, a);
        long rb = find(parent, b);
        if (ra != rb) {
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    private static long find(Map<Long, Long> parent, long id) {
        long root = id;
        while (parent.getOrDefault(root, root) != root) {
            root = parent.get(root);
        }
        parent.putIfAbsent(id, id);
        if (root != id) {
            parent.put(id, root);
        }
        return root;
    }
}
