package dev.kinflow.duplicates;

import dev.kinflow.common.TaskQueues;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.spring.boot.ActivityImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = TaskQueues.DEFAULT)
public class DuplicateScanActivitiesImpl implements DuplicateScanActivities {

    /** Source contacts compared per query; the cursor is heartbeated after each batch. */
    static final int BATCH = 2_500;

    private final DuplicateScanRepository scans;

    public DuplicateScanActivitiesImpl(DuplicateScanRepository scans) {
        this.scans = scans;
    }

    @Override
    public ScanPlan planScan(ScanPlanRequest request) {
        return scans.plan(UUID.fromString(request.accountId()), request.full());
    }

    /** Heartbeat details: {@code [lastId, scanned, candidates]}, so a retried chunk resumes after its last batch. */
    @Override
    public ScanChunkResult scanChunk(ScanChunk chunk) {
        UUID account = UUID.fromString(chunk.accountId());
        ActivityExecutionContext context = Activity.getExecutionContext();
        long[] progress = context.getHeartbeatDetails(long[].class).orElse(new long[] {chunk.afterId(), 0, 0});
        while (progress[1] < chunk.maxContacts()) {
            int limit = (int) Math.min(BATCH, chunk.maxContacts() - progress[1]);
            List<Long> ids = scans.sources(account, chunk.since(), progress[0], limit);
            if (ids.isEmpty()) {
                return new ScanChunkResult(progress[0], progress[1], progress[2], true);
            }
            progress[2] += compare(account, ids);
            progress[0] = ids.getLast();
            progress[1] += ids.size();
            context.heartbeat(progress);
            if (ids.size() < limit) {
                return new ScanChunkResult(progress[0], progress[1], progress[2], true);
            }
        }
        return new ScanChunkResult(progress[0], progress[1], progress[2], false);
    }

    /** Scores every pair of these source contacts and stores those that qualify; returns rows written. */
    int compare(UUID account, List<Long> ids) {
        List<DuplicateScorer.Scored> qualifying = new ArrayList<>();
        for (PairEvidence pair : scans.pairs(account, ids)) {
            DuplicateScorer.score(pair).ifPresent(qualifying::add);
        }
        return scans.store(account, ids, qualifying);
    }

    @Override
    public ScanFinish finishScan(ScanFinish finish) {
        UUID account = UUID.fromString(finish.accountId());
        scans.finish(account, finish.plan().until(), finish.full());
        return new ScanFinish(finish.accountId(), finish.plan(), finish.full(), scans.skippedKeys(account, finish.plan().since()));
    }
}
