-- Issue #17: a failed job's readable error {type, message, step, attempts, at}; job_runs.error keeps one line of it
-- for older readers.
ALTER TABLE job_runs ADD COLUMN error_detail jsonb;

-- GET /admin/jobs lists every account's jobs newest first, optionally within a time range
CREATE INDEX job_runs_created_idx ON job_runs (created_at DESC);
