-- Uploaded vCard/CSV files of file imports (see docs/file-imports.md). A file lives here from its upload until its
-- import ends (the workflow deletes it; a terminated job's close hook and an account reset do too). It is stored as
-- chunks of about 1,000 whole records, decoded to text, so a worker in another process reads chunk N directly.
CREATE TABLE import_files (
    id           uuid PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES accounts (id),
    -- vcard | csv
    format       text        NOT NULL,
    -- sha256 of the uploaded bytes: import_records.source is '<format>:<content_hash>'
    content_hash text        NOT NULL,
    size_bytes   bigint      NOT NULL,
    records      bigint      NOT NULL,
    chunks       int         NOT NULL,
    -- how to read the chunks and where each column goes: delimiter, column count, mapping, tags, default region
    settings     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_files_account_idx ON import_files (account_id);

CREATE TABLE import_file_chunks (
    file_id      uuid   NOT NULL REFERENCES import_files (id) ON DELETE CASCADE,
    account_id   uuid   NOT NULL REFERENCES accounts (id),
    seq          int    NOT NULL,
    -- number (0-based) of the chunk's first record in the file, and the line where that record starts (1-based)
    first_record bigint NOT NULL,
    first_line   bigint NOT NULL,
    records      int    NOT NULL,
    body         text   NOT NULL,
    PRIMARY KEY (file_id, seq)
);
CREATE INDEX import_file_chunks_account_idx ON import_file_chunks (account_id);

-- Records a file import skipped, with where they are and why (never their content); once per job and record.
CREATE TABLE import_record_errors (
    job_id     uuid   NOT NULL,
    account_id uuid   NOT NULL REFERENCES accounts (id),
    record_no  bigint NOT NULL,
    line       bigint NOT NULL,
    reason     text   NOT NULL,
    PRIMARY KEY (job_id, record_no)
);
CREATE INDEX import_record_errors_account_idx ON import_record_errors (account_id);
