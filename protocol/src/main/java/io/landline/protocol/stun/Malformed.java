package io.landline.protocol.stun;

import java.util.Optional;

/**
 * Bytes that are not a valid message, and why.
 *
 * <p>{@code header} is present when the 20-byte STUN header was sound (first bits zero, magic
 * cookie, length a multiple of 4) and only the attributes were not: that is a STUN message the
 * RFC answers, if it is a request, with 400 Bad Request (RFC 8489 §6.3.1, §7.3.1) using the
 * header's transaction ID. Without a header the bytes are dropped and counted; so are
 * messages whose FINGERPRINT is wrong or not last, since a bad FINGERPRINT says the bytes may
 * not be STUN at all (RFC 8489 §7.3, §14.7).
 *
 * @param reason usable as a metric tag through {@link MalformedReason#tag()}
 * @param header the sound header of a message whose body is malformed, if any
 */
public record Malformed<T>(MalformedReason reason, Optional<StunHeader> header) implements DecodeResult<T> {

    private static final Malformed<?>[] HEADERLESS = new Malformed<?>[MalformedReason.values().length];

    static {
        for (MalformedReason r : MalformedReason.values()) {
            HEADERLESS[r.ordinal()] = new Malformed<>(r, Optional.empty());
        }
    }

    /** The shared, allocation-free result for bytes without a usable header. */
    @SuppressWarnings("unchecked")
    public static <T> Malformed<T> of(MalformedReason reason) {
        return (Malformed<T>) HEADERLESS[reason.ordinal()];
    }

    /** A malformed body behind a sound header. */
    public static <T> Malformed<T> of(MalformedReason reason, StunHeader header) {
        return new Malformed<>(reason, Optional.of(header));
    }

    /** Whether the RFC asks for a 400 Bad Request: a malformed request with a sound header. */
    public boolean deservesBadRequest() {
        return header.isPresent() && header.get().isRequest();
    }

    @Override
    public T orElseThrow() {
        throw new IllegalStateException("malformed: " + reason.tag());
    }
}
