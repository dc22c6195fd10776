package io.landline.protocol.stun;

/**
 * What a decoder makes of some bytes: a typed value, or the reason they are not one. Decoders
 * of this package return this rather than throwing, so that a hostile packet costs the event
 * loop a counter increment and, where the RFC asks for one, an error response.
 *
 * @param <T> the decoded value
 */
public sealed interface DecodeResult<T> permits Decoded, Malformed {

    /** The value, or an {@link IllegalStateException} for a malformed input. */
    T orElseThrow();
}
