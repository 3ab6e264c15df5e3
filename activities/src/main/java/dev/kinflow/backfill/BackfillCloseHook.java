package dev.kinflow.backfill;

import dev.kinflow.jobs.JobCloseHook;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A backfill that ended without its workflow's final write stops showing running/paused and drops its working rows. */
@Component
public class BackfillCloseHook implements JobCloseHook {

    private final JdbcClient jdbc;

    public BackfillCloseHook(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return BackfillWorkflow.KIND;
    }

    @Override
    public void closedWithoutOutcome(JobRun job, JobStatus status) {
        jdbc.sql("""
                        DELETE FROM backfill_conversation_keys
                        WHERE backfill_id IN (SELECT id FROM backfill_runs WHERE job_id = ?)""")
                .param(job.id()).update();
        jdbc.sql("""
                        UPDATE backfill_runs SET status = ?, finished_at = now(), updated_at = now()
                        WHERE job_id = ? AND status IN ('running', 'paused')""")
                .params(status == JobStatus.CANCELLED ? "cancelled" : "failed", job.id()).update();
    }
}
