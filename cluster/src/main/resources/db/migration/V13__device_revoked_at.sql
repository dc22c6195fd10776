-- Each node asks every few seconds which devices were revoked lately (DeviceStates), so that a
-- revocation whose cluster event it missed still takes effect: that question reads this index,
-- not the whole device table. Almost every device has no revocation, so it stays small.
-- Portable SQL only: this runs on H2 in PostgreSQL mode and on PostgreSQL.
CREATE INDEX device_revoked_at ON device (revoked_at);
