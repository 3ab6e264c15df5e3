-- Account reset (docs/reset.md).

-- Rows deleted by each reset job, per table. Each cleanup chunk deletes its rows and adds their count here in one
-- statement, so a retried cleanup (after a crash mid-chunk) reports exact totals. Keyed by the reset's job, not by
-- account: it is the reset's own record and survives the resets that follow.
CREATE TABLE reset_deletions (
    job_id     uuid        NOT NULL REFERENCES job_runs (id),
    table_name text        NOT NULL,
    deleted    bigint      NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, table_name)
);

-- The cleanup deletes by account in chunks; these tables had no index leading with account_id.
CREATE INDEX addresses_account_idx ON addresses (account_id);
CREATE INDEX contact_tags_account_idx ON contact_tags (account_id);

-- One audit entry per reset job, whatever the retries.
CREATE UNIQUE INDEX audit_logs_reset_job_uq ON audit_logs ((details ->> 'jobId')) WHERE action = 'account.reset';
