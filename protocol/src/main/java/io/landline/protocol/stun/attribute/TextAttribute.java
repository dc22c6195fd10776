package io.landline.protocol.stun.attribute;

/**
 * An attribute whose value is UTF-8 text with a length limit (RFC 8489 §14.3, §14.9, §14.10,
 * §14.14, §14.16). The decoder rejects invalid UTF-8 and over-long values.
 */
public sealed interface TextAttribute extends StunAttribute
        permits Username, Realm, Nonce, Software, AlternateDomain {

    String value();
}
