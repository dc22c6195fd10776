-- Operator-signed enrollment tokens (JWTs) that have activated a device, by jti, so that
-- each is used once. A row is only needed until the token's own expiry; rows past it are
-- purged.
-- Portable SQL only: this runs on H2 in PostgreSQL mode and on PostgreSQL.
CREATE TABLE enrollment_token_use (
    -- SHA-256 of the token's jti claim, 64 lower-case hex digits (a jti has no length limit)
    jti_hash     CHAR(64)                 PRIMARY KEY,
    -- the token's exp claim: after it the token is refused anyway
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the device token it activated
    device_token CHAR(64)                 NOT NULL,
    -- the token's sub claim, if any: whom the operator enrolled
    subject      VARCHAR(256)             NULL
);
CREATE INDEX enrollment_token_use_expires ON enrollment_token_use (expires_at);
