package io.landline.protocol.stun.attribute;

/**
 * One attribute of a STUN message (RFC 8489 §14): a 16-bit type, a 16-bit length and a value
 * padded to 4 bytes. Each known type is one record; dispatch with {@code instanceof} patterns.
 * Types the codec does not know are not represented here: the decoder skips those of the
 * comprehension-optional range and reports those of the comprehension-required range.
 */
public sealed interface StunAttribute
        permits AddressAttribute, TextAttribute,
        UserHash, MessageIntegrity, MessageIntegritySha256, Fingerprint,
        ErrorCode, UnknownAttributes, PasswordAlgorithm, PasswordAlgorithms,
        ChannelNumber, Lifetime, Data, RequestedAddressFamily, EvenPort, RequestedTransport,
        DontFragment, ReservationToken, AdditionalAddressFamily, AddressErrorCode, Icmp,
        Priority, UseCandidate, IceControlled, IceControlling, ChangeRequest {

    /** The attribute type number, see {@link AttributeType}. */
    int type();
}
