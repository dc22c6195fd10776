-- Invite codes: single-use permissions to activate one device, minted by operators
-- (landline invite create). Only a hash of each code is kept, so a copy of the database
-- does not hand out activations.
-- Portable SQL only: this runs on H2 in PostgreSQL mode and on PostgreSQL.
CREATE TABLE invite (
    -- InviteCode.hash(): SHA-256 of the normalised code, 64 lower-case hex digits
    code_hash    CHAR(64)                 PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the code is refused from this instant on
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- NULL until a device is activated with the code; set exactly once
    redeemed_at  TIMESTAMP WITH TIME ZONE NULL,
    -- the device token the code activated
    device_token CHAR(64)                 NULL
);
