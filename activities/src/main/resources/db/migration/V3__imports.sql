-- Monica import bookkeeping (see docs/imports.md). Rows are per import job; they let the workflow resume, count
-- outcomes exactly once and find coverage gaps without carrying ids in workflow history.

-- Every Monica contact one import job saw, with the outcome of its first write in this job.
CREATE TABLE import_job_contacts (
    job_id     uuid        NOT NULL,
    account_id uuid        NOT NULL REFERENCES accounts (id),
    monica_id  bigint      NOT NULL,
    -- listing | backfill | reference
    via        text        NOT NULL,
    -- created | updated | unchanged | skipped | partial | inactive | deleted
    outcome    text        NOT NULL,
    -- Monica's statistics counts the extra-data phase needs: {"notes": n, "activities": n, ...}
    statistics jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, monica_id)
);
CREATE INDEX import_job_contacts_account_idx ON import_job_contacts (account_id);

-- Links between Monica contacts found by one import job (relationships, first met through), resolved in phase 2.
CREATE TABLE import_job_references (
    job_id         uuid   NOT NULL,
    account_id     uuid   NOT NULL REFERENCES accounts (id),
    from_monica_id bigint NOT NULL,
    to_monica_id   bigint NOT NULL,
    type           text   NOT NULL,
    PRIMARY KEY (job_id, from_monica_id, to_monica_id, type)
);

-- The outcome of each Monica photo in one import job: synced | no_data_url | not_found.
CREATE TABLE import_photo_outcomes (
    job_id          uuid   NOT NULL,
    account_id      uuid   NOT NULL REFERENCES accounts (id),
    monica_photo_id bigint NOT NULL,
    outcome         text   NOT NULL,
    PRIMARY KEY (job_id, monica_photo_id)
);

-- One running import per account, also under concurrent requests.
CREATE UNIQUE INDEX job_runs_one_running_import_uq ON job_runs (account_id) WHERE status = 'running' AND kind = 'import';
