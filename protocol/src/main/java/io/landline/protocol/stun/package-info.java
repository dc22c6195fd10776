/**
 * STUN messages (RFC 8489) as immutable values: one decoder for datagrams and stream frames,
 * an encoder that writes into a caller's buffer, and the integrity and fingerprint math.
 */
package io.landline.protocol.stun;
