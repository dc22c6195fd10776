/** Long-term credentials of TURN (RFC 8489 §9.2): static users, TURN REST API credentials, and stateless nonces. */
package io.landline.relay.turn.auth;
