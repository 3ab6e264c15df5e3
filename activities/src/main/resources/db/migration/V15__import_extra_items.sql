-- Every note, activity, reminder and task one Monica import job received, per Monica contact it belongs to (an
-- activity belongs to each of its attendees), and how it came: 'listing' (the account-wide listings) or 'contact' (a
-- contact's own list, or the latest notes of the contact listing). The import compares, per contact, these counts with
-- the contact's statistics (import_job_contacts.statistics) and reads per contact only the contacts that fall short.
-- Ids only; idempotent under its primary key (a repeated page inserts nothing).
CREATE TABLE import_job_extra_items (
    job_id            uuid    NOT NULL,
    account_id        uuid    NOT NULL REFERENCES accounts (id),
    -- notes | activities | reminders | tasks
    kind              text    NOT NULL,
    monica_contact_id bigint  NOT NULL,
    monica_item_id    bigint  NOT NULL,
    via               text    NOT NULL,
    -- the contact is imported, so the item was written to it; false: counted and skipped (archived, deleted, …)
    imported          boolean NOT NULL,
    PRIMARY KEY (job_id, kind, monica_contact_id, monica_item_id, via)
);
CREATE INDEX import_job_extra_items_account_idx ON import_job_extra_items (account_id);
