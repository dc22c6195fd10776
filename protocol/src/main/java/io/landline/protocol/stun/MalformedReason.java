package io.landline.protocol.stun;

import java.util.Locale;

/**
 * Why bytes are not a STUN message or a ChannelData frame. The constants are stable: the relay
 * counts drops with {@link #tag()} as a metric tag.
 */
public enum MalformedReason {
    /** Nothing to decode. */
    EMPTY,
    /** Fewer than 20 bytes of STUN header (RFC 8489 §5). */
    TRUNCATED_HEADER,
    /** The two most significant bits of a STUN message are not zero (RFC 8489 §5). */
    NOT_STUN,
    /** The magic cookie is not 0x2112A442 (RFC 8489 §5). */
    BAD_MAGIC_COOKIE,
    /** The Message Length is not a multiple of 4 (RFC 8489 §5). */
    LENGTH_NOT_MULTIPLE_OF_4,
    /** The Message Length does not match the bytes present. */
    LENGTH_MISMATCH,
    /** The message is larger than the decoder's limit. */
    TOO_LARGE,
    /** An attribute header or value runs past the end of the message (RFC 8489 §14). */
    ATTRIBUTE_TRUNCATED,
    /** A fixed-size attribute has the wrong length. */
    BAD_ATTRIBUTE_LENGTH,
    /** An address attribute names a family other than IPv4 (0x01) or IPv6 (0x02) (RFC 8489 §14.1). */
    BAD_ADDRESS_FAMILY,
    /** An attribute follows FINGERPRINT, which must be last (RFC 8489 §14.7). */
    ATTRIBUTE_AFTER_FINGERPRINT,
    /** FINGERPRINT does not match the CRC-32 of the message (RFC 8489 §14.7). */
    BAD_FINGERPRINT,
    /** A text attribute is not valid UTF-8. */
    BAD_UTF8,
    /** A text attribute is longer than its RFC allows (e.g. USERNAME over 513 bytes, §14.3). */
    VALUE_TOO_LONG,
    /** ERROR-CODE class outside 3..6 or number outside 0..99 (RFC 8489 §14.8). */
    ERROR_CODE_OUT_OF_RANGE,
    /** An attribute that only makes sense once appears twice (e.g. two USERNAMEs). */
    DUPLICATE_ATTRIBUTE,
    /** A ChannelData frame's channel number outside the decoder's range (RFC 8656 §12, RFC 5766 §11). */
    CHANNEL_NUMBER_OUT_OF_RANGE,
    /** A ChannelData frame shorter than its Length field claims (RFC 8656 §12.4, §12.5). */
    CHANNEL_DATA_TRUNCATED,
    /** A stream carries something that is neither STUN nor ChannelData (RFC 8656 §12.5). */
    NOT_STUN_OR_CHANNEL_DATA;

    private final String tag;

    MalformedReason() {
        this.tag = name().toLowerCase(Locale.ROOT);
    }

    /** The lower-case name, for metric tags and log lines. */
    public String tag() {
        return tag;
    }
}
