-- Devices activated on this appliance, one row per device token.
-- Portable SQL only: this runs on H2 in PostgreSQL mode and on PostgreSQL.
CREATE TABLE device (
    -- DeviceToken.hex(): 64 lower-case hex digits
    token         CHAR(64)                 PRIMARY KEY,
    -- the device's client certificate, PEM
    certificate   TEXT                     NOT NULL,
    -- e.g. 'EC P-256', 'Ed25519'
    key_algorithm VARCHAR(32)              NOT NULL,
    activated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- NULL while the device may connect
    revoked_at    TIMESTAMP WITH TIME ZONE NULL
);
