-- Receipts of notifications delivered before they were ever stored: handed straight to a
-- connected device, whose PUBACK answered the provider. Only what GET /3/notifications/{apns-id}
-- needs, written in large batches after the 200, kept for gateway.push.receipt-retention.
-- Lean on purpose (one row costs a fraction of a notification row): no strings but the team.
-- Portable SQL only: this runs on H2 in PostgreSQL mode and on PostgreSQL.
CREATE TABLE delivered_receipt (
    -- the apns-id; a provider may reuse one: the first delivery's receipt stays
    id           UUID        NOT NULL PRIMARY KEY,
    -- the provider team that sent it; only that team may read its receipt
    team         VARCHAR(64) NOT NULL,
    -- epoch milliseconds
    accepted_at  BIGINT      NOT NULL,
    delivered_at BIGINT      NOT NULL
);

-- the retention purge; appended in time order, so cheap to keep
CREATE INDEX delivered_receipt_at ON delivered_receipt (delivered_at);
