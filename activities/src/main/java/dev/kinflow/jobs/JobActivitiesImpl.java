package dev.kinflow.jobs;

import dev.kinflow.common.JobProgress;
import dev.kinflow.common.TaskQueues;
import io.temporal.spring.boot.ActivityImpl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = TaskQueues.DEFAULT)
public class JobActivitiesImpl implements JobActivities {

    private final JobRunRepository jobs;

    public JobActivitiesImpl(JobRunRepository jobs) {
        this.jobs = jobs;
    }

    @Override
    public boolean finish(JobOutcome outcome) {
        if (outcome.failure() != null) {
            return jobs.finishWithError(UUID.fromString(outcome.jobId()), outcome.status(),
                    toMap(outcome.progress()), outcome.summary(), outcome.failure());
        }
        return jobs.finish(UUID.fromString(outcome.jobId()), outcome.status(), toMap(outcome.progress()),
                outcome.summary(), outcome.error());
    }

    /** The JSON shape of a progress value, as stored in {@code job_runs.progress} and served by the REST API. */
    public static Map<String, Object> toMap(JobProgress progress) {
        if (progress == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("phase", progress.phase());
        map.put("text", progress.text());
        map.put("done", progress.done());
        map.put("total", progress.total());
        map.put("counters", progress.counters());
        if (progress.waiting() != null) {
            Map<String, Object> waiting = new LinkedHashMap<>();
            waiting.put("reason", progress.waiting().reason());
            waiting.put("until", progress.waiting().until() == null ? null : progress.waiting().until().toString());
            map.put("waiting", waiting);
        }
        return map;
    }
}
