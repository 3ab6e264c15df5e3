-- Outreach limits hold at the point of delivery (issue #16): a queued message becomes claimable by its device at
-- available_at, an instant the dispatch activity takes from the database clock (clock_timestamp(), read under the
-- account's settings lock) and records, identically, as the message's send_ledger.sent_at. The device's claim only
-- hands out messages whose available_at has passed on the same clock, so the spacing the limits were checked against
-- is the spacing at which messages reach the device.
ALTER TABLE send_queue ADD COLUMN available_at timestamptz;
UPDATE send_queue SET available_at = created_at WHERE available_at IS NULL;
ALTER TABLE send_queue ALTER COLUMN available_at SET NOT NULL;
ALTER TABLE send_queue ALTER COLUMN available_at SET DEFAULT clock_timestamp();

DROP INDEX send_queue_device_idx;
CREATE INDEX send_queue_device_idx ON send_queue (device_id, status, available_at, id);

COMMENT ON COLUMN send_queue.available_at IS
    'database-clock instant from which the device may claim the message; equals send_ledger.sent_at';
COMMENT ON COLUMN send_ledger.sent_at IS
    'database-clock instant the message became claimable by its device (send_queue.available_at)';
