/** STUN, TURN and ICE attributes as records under one sealed interface (RFC 8489 §14, RFC 8656 §18, RFC 8445 §16). */
package io.landline.protocol.stun.attribute;
