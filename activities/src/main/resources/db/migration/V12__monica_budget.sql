-- One Monica request budget per credential (normalised base URL + keyed hash of the token), shared by every import,
-- photo child, re-import, retry and worker process: a ledger of request slots taken under a row lock on the budget.
-- Times are epoch milliseconds of the budget clock (the database's clock_timestamp() in production).
CREATE TABLE monica_budgets (
    budget_key    text   PRIMARY KEY,           -- HMAC-SHA256 of base URL + token (never the token itself)
    blocked_until bigint NOT NULL DEFAULT 0     -- a 429's Retry-After: no slot before this
);

CREATE TABLE monica_request_slots (
    id           bigserial PRIMARY KEY,
    budget_key   text   NOT NULL REFERENCES monica_budgets (budget_key) ON DELETE CASCADE,
    slot_key     text   UNIQUE,                 -- the workflow's key of one request attempt (idempotent reservation)
    slot_at      bigint NOT NULL,               -- the request is not sent before this
    send_by      bigint NOT NULL,               -- nor after this: a later claim gives the slot up and reserves anew
    claimed_at   bigint,                        -- when the request was let go to Monica
    completed_at bigint,                        -- when its response (or failure) came back
    done_by      bigint NOT NULL                -- upper bound of its arrival at Monica
);

CREATE INDEX monica_request_slots_budget_done_idx ON monica_request_slots (budget_key, done_by);
