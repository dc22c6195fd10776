-- Provider signing keys added at run time (landline provider add); keys declared in the
-- configuration file are not stored here. Shared by every node of a cluster.
-- Portable SQL only: this runs on H2 in PostgreSQL mode and on PostgreSQL.
CREATE TABLE provider_key (
    -- the JWT's iss claim
    team        VARCHAR(64)              NOT NULL,
    -- the JWT header's kid
    key_id      VARCHAR(64)              NOT NULL,
    -- the ES256 (EC P-256) public key, PEM SubjectPublicKeyInfo
    public_key  TEXT                     NOT NULL,
    -- allowed apns-topic values, comma-separated; empty: any topic
    topics      TEXT                     NOT NULL,
    added_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (team, key_id)
);
