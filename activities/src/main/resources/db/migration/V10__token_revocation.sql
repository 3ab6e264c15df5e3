-- API keys get a label and, like devices, a coarse last-use time (written at most once a minute per token, see
-- ApiKeyRepository / DeviceRepository). Revocation already has revoked_at; lookups filter on it.
ALTER TABLE api_keys ADD COLUMN label text NOT NULL DEFAULT 'initial' CHECK (length(label) BETWEEN 1 AND 200);
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
ALTER TABLE devices ADD COLUMN last_used_at timestamptz;
