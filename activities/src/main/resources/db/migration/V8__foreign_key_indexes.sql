-- An index led by every foreign-key column, and by account_id where a table lacked one
-- (ResetRegistrySchemaTest checks this): deleting a contact, a candidate, a batch or a device makes PostgreSQL look
-- up the rows that reference it, and the account reset deletes every owned table by account_id in chunks; without
-- these indexes each of those lookups scans the whole table, every account's rows included.
CREATE INDEX import_job_references_account_idx ON import_job_references (account_id);
CREATE INDEX import_photo_outcomes_account_idx ON import_photo_outcomes (account_id);
CREATE INDEX merges_merged_idx ON merges (merged_id);
CREATE INDEX merges_candidate_idx ON merges (candidate_id) WHERE candidate_id IS NOT NULL;
CREATE INDEX outreach_batch_items_account_idx ON outreach_batch_items (account_id);
CREATE INDEX outreach_batch_items_contact_idx ON outreach_batch_items (contact_id);
CREATE INDEX outreach_batches_device_idx ON outreach_batches (device_id);
CREATE INDEX send_queue_account_idx ON send_queue (account_id);
CREATE INDEX send_queue_batch_idx ON send_queue (batch_id);
CREATE INDEX backfill_conversation_keys_account_idx ON backfill_conversation_keys (account_id);
