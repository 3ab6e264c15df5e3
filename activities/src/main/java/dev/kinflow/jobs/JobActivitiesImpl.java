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
        return map;
    }
}
