-- File imports at COPY speed (issue #19; docs/file-imports.md).

-- A chunk remembers what writing it did (FileChunkResult as JSON), in the transaction that wrote its records: a
-- repeated attempt (activity retry, zombie) finds it under the chunk's row lock and returns it without writing.
ALTER TABLE import_file_chunks ADD COLUMN result jsonb;

-- A contact's emails, phones, addresses, tag links and import records reference it together with its account, so the
-- database itself refuses a row whose account is not its contact's (the tables had two separate keys, to accounts and
-- to contacts, which allowed that). One key check per row instead of two, and none on the accounts row, which every
-- concurrent writer of an account locked for each row it inserted. Emails, phones and addresses keep deleting with
-- their contact; an import record keeps its account and loses only its contact (ON DELETE SET NULL (contact_id)).
CREATE UNIQUE INDEX contacts_account_id_key ON contacts (account_id, id);
ALTER TABLE contacts ADD CONSTRAINT contacts_account_id_key UNIQUE USING INDEX contacts_account_id_key;
DROP INDEX contacts_account_idx;
CREATE UNIQUE INDEX tags_account_id_key ON tags (account_id, id);
ALTER TABLE tags ADD CONSTRAINT tags_account_id_key UNIQUE USING INDEX tags_account_id_key;

ALTER TABLE contact_fields
    DROP CONSTRAINT contact_fields_account_id_fkey,
    DROP CONSTRAINT contact_fields_contact_id_fkey,
    ADD CONSTRAINT contact_fields_contact_fkey FOREIGN KEY (account_id, contact_id)
        REFERENCES contacts (account_id, id) ON DELETE CASCADE;
ALTER TABLE addresses
    DROP CONSTRAINT addresses_account_id_fkey,
    DROP CONSTRAINT addresses_contact_id_fkey,
    ADD CONSTRAINT addresses_contact_fkey FOREIGN KEY (account_id, contact_id)
        REFERENCES contacts (account_id, id) ON DELETE CASCADE;
ALTER TABLE contact_tags
    DROP CONSTRAINT contact_tags_account_id_fkey,
    DROP CONSTRAINT contact_tags_contact_id_fkey,
    DROP CONSTRAINT contact_tags_tag_id_fkey,
    ADD CONSTRAINT contact_tags_contact_fkey FOREIGN KEY (account_id, contact_id)
        REFERENCES contacts (account_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT contact_tags_tag_fkey FOREIGN KEY (account_id, tag_id)
        REFERENCES tags (account_id, id) ON DELETE CASCADE;
ALTER TABLE import_records
    DROP CONSTRAINT import_records_contact_id_fkey,
    ADD CONSTRAINT import_records_contact_fkey FOREIGN KEY (account_id, contact_id)
        REFERENCES contacts (account_id, id) ON DELETE SET NULL (contact_id);

-- addresses_account_updated_idx (account_id, updated_at) already leads with account_id (V4); this one only cost
-- every insert an index entry.
DROP INDEX addresses_account_idx;

-- An uploaded file's chunks live for the length of its import and are read once each: stored out of line without
-- compression (pglz cost the upload more CPU than the space is worth for a few minutes).
ALTER TABLE import_file_chunks ALTER COLUMN body SET STORAGE EXTERNAL;
