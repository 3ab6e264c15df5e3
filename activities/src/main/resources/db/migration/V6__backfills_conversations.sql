-- Backfills (resumable data repairs) and the conversation model's supporting indexes.

-- One row per backfill: what it does, where it is (step + keyset cursor) and what it found. A batch moves the
-- position and the counts in the same transaction as its writes (compare-and-set on step + cursor).
CREATE TABLE backfill_runs (
    id                  uuid PRIMARY KEY,
    -- null: every account (admin backfill)
    account_id          uuid REFERENCES accounts (id),
    job_id              uuid,
    kind                text        NOT NULL CHECK (kind IN ('phone-e164', 'conversation-keys', 'orphan-sweep')),
    dry_run             boolean     NOT NULL,
    batch_size          int         NOT NULL CHECK (batch_size BETWEEN 1 AND 10000),
    max_rows_per_second int         CHECK (max_rows_per_second > 0),
    status              text        NOT NULL DEFAULT 'running'
                                    CHECK (status IN ('running', 'paused', 'completed', 'cancelled', 'failed')),
    -- null once every step is done
    step                text,
    cursor              text,
    batches             bigint      NOT NULL DEFAULT 0,
    scanned             bigint      NOT NULL DEFAULT 0,
    changed             bigint      NOT NULL DEFAULT 0,
    unchanged           bigint      NOT NULL DEFAULT 0,
    failed              bigint      NOT NULL DEFAULT 0,
    -- {steps: {name: {scanned, changed, unchanged, failed, ...}}, sample: [{step, table, id, before, after}]}
    report              jsonb       NOT NULL DEFAULT '{"steps": {}, "sample": []}'::jsonb,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz
);
CREATE INDEX backfill_runs_account_idx ON backfill_runs (account_id, created_at DESC);

-- Working rows of a conversation-keys dry run: the key each conversation would get, so the merge step can find the
-- groups that would be merged without writing a business table. Deleted when the backfill finishes.
CREATE TABLE backfill_conversation_keys (
    backfill_id     uuid   NOT NULL REFERENCES backfill_runs (id) ON DELETE CASCADE,
    conversation_id bigint NOT NULL,
    account_id      uuid   NOT NULL,
    canonical_key   text   NOT NULL,
    PRIMARY KEY (backfill_id, conversation_id)
);
CREATE INDEX backfill_conversation_keys_group_idx
    ON backfill_conversation_keys (backfill_id, account_id, canonical_key);

-- keyset pagination of one account's phone fields (phone-e164 backfill)
CREATE INDEX contact_fields_phone_idx ON contact_fields (account_id, id) WHERE kind = 'phone';
-- orphan sweep: conversations merged into another
CREATE INDEX conversations_merged_into_idx ON conversations (merged_into) WHERE merged_into IS NOT NULL;
-- conversation list, newest first
CREATE INDEX conversations_recent_idx ON conversations (account_id, last_message_at DESC NULLS LAST, id DESC);
