-- import_records_job_idx was (account_id, job_id). While a big import runs, the planner's statistics do not know the
-- account yet and estimate a handful of rows for account_id = X, so it preferred that narrow index for every look-up
-- by Monica id (account, source, type, source id) and filtered all of the account's records on each probe: quadratic,
-- 30 s of PostgreSQL time for the reference resolution of a 10k import into a database holding other accounts.
-- Led by job_id alone, it no longer competes with the unique key for those look-ups; queries by job still use it
-- (job ids are unique across accounts), and the unique key still leads with account_id for the account reset.
DROP INDEX import_records_job_idx;
CREATE INDEX import_records_job_idx ON import_records (job_id);
