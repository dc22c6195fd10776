package io.landline.protocol.stun;

import io.landline.protocol.stun.attribute.StunAttribute;
import io.netty.buffer.ByteBuf;

/**
 * Writes one STUN message into a caller's buffer (typically pooled), attribute by attribute,
 * and closes it with the integrity attributes and fingerprint in the order RFC 8489 fixes.
 * The header's length is patched as attributes are added, so that MESSAGE-INTEGRITY and
 * FINGERPRINT see the length they must (§14.5, §14.7). Single use, not thread-safe.
 *
 * <pre>{@code
 * StunWriter.start(out, StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, request.transactionId())
 *     .add(new XorMappedAddress(source))
 *     .finish(StunTrailer.messageIntegrity(key).withFingerprint());
 * }</pre>
 *
 * <p>Misuse by the caller (adding after {@code finish}, adding an integrity attribute or
 * FINGERPRINT through {@link #add}) throws {@link IllegalStateException}: those are bugs, not input.
 */
public final class StunWriter {

    private StunWriter() {
    }

    /** Writes the header at the writer index of {@code out}. */
    public static StunWriter start(ByteBuf out, StunClass messageClass, StunMethod method, TransactionId transactionId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Appends one attribute (not MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 or FINGERPRINT: see {@link #finish}). */
    public StunWriter add(StunAttribute attribute) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Appends DATA with {@code length} bytes of {@code payload} from {@code index}, without
     * allocating a {@link io.landline.protocol.stun.attribute.Data} (the relay's Data indication path).
     */
    public StunWriter addData(ByteBuf payload, int index, int length) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Adds the trailer's attributes and returns the message's length in bytes, header included. */
    public int finish(StunTrailer trailer) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Writes {@code message}'s attributes and the trailer into {@code out}. Integrity attributes
     * and FINGERPRINT in the message's list are skipped: the trailer decides those.
     *
     * @return the bytes written
     */
    public static int encode(StunMessage message, StunTrailer trailer, ByteBuf out) {
        throw new UnsupportedOperationException("not yet");
    }
}
