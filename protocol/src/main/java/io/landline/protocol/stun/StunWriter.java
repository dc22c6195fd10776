package io.landline.protocol.stun;

import io.landline.protocol.stun.attribute.AttributeType;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.netty.buffer.ByteBuf;
import java.util.List;

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

    private final ByteBuf out;
    private final int start;
    private boolean finished;

    private StunWriter(ByteBuf out) {
        this.out = out;
        this.start = out.writerIndex();
    }

    /** Writes the header at the writer index of {@code out}. */
    public static StunWriter start(ByteBuf out, StunClass messageClass, StunMethod method, TransactionId transactionId) {
        StunWriter writer = new StunWriter(out);
        out.writeShort(StunHeader.messageType(messageClass, method)).writeShort(0).writeInt(StunHeader.MAGIC_COOKIE);
        transactionId.writeTo(out);
        return writer;
    }

    /** Appends one attribute (not MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 or FINGERPRINT: see {@link #finish}). */
    public StunWriter add(StunAttribute attribute) {
        checkOpen();
        int type = attribute.type();
        if (type == AttributeType.MESSAGE_INTEGRITY || type == AttributeType.MESSAGE_INTEGRITY_SHA256
                || type == AttributeType.FINGERPRINT) {
            throw new IllegalStateException("integrity attributes and FINGERPRINT come from finish(StunTrailer)");
        }
        AttributeWriter.write(out, start, attribute);
        patchLength();
        return this;
    }

    /** Appends every attribute of {@code attributes} in order; see {@link #add}. */
    public StunWriter addAll(List<? extends StunAttribute> attributes) {
        for (StunAttribute a : attributes) {
            add(a);
        }
        return this;
    }

    /**
     * Appends DATA with {@code length} bytes of {@code payload} from {@code index}, without
     * allocating a {@link io.landline.protocol.stun.attribute.Data} (the relay's Data indication path).
     */
    public StunWriter addData(ByteBuf payload, int index, int length) {
        checkOpen();
        out.writeShort(AttributeType.DATA).writeShort(length).writeBytes(payload, index, length).writeZero(-length & 3);
        patchLength();
        return this;
    }

    /** Adds the trailer's attributes and returns the message's length in bytes, header included. */
    public int finish(StunTrailer trailer) {
        checkOpen();
        finished = true;
        // each HMAC or CRC covers what was written so far; the helpers set the header length
        // as if the message ended after the attribute being computed (§14.5–§14.7)
        if (trailer.messageIntegrityKey() != null) {
            byte[] mac = StunIntegrity.messageIntegrity(written(), written().readableBytes(), trailer.messageIntegrityKey());
            out.writeShort(AttributeType.MESSAGE_INTEGRITY).writeShort(mac.length).writeBytes(mac);
        }
        if (trailer.messageIntegritySha256Key() != null) {
            byte[] mac = StunIntegrity.messageIntegritySha256(written(), written().readableBytes(),
                    StunIntegrity.SHA256_BYTES, trailer.messageIntegritySha256Key());
            out.writeShort(AttributeType.MESSAGE_INTEGRITY_SHA256).writeShort(mac.length).writeBytes(mac);
        }
        if (trailer.fingerprint()) {
            int crc = StunIntegrity.fingerprint(written(), written().readableBytes());
            out.writeShort(AttributeType.FINGERPRINT).writeShort(4).writeInt(crc);
        }
        patchLength();
        return out.writerIndex() - start;
    }

    /**
     * Writes {@code message}'s attributes and the trailer into {@code out}. Integrity attributes
     * and FINGERPRINT in the message's list are skipped: the trailer decides those.
     *
     * @return the bytes written
     */
    public static int encode(StunMessage message, StunTrailer trailer, ByteBuf out) {
        StunWriter writer = start(out, message.messageClass(), message.method(), message.transactionId());
        for (StunAttribute a : message.attributes()) {
            int type = a.type();
            if (type != AttributeType.MESSAGE_INTEGRITY && type != AttributeType.MESSAGE_INTEGRITY_SHA256
                    && type != AttributeType.FINGERPRINT) {
                writer.add(a);
            }
        }
        return writer.finish(trailer);
    }

    private ByteBuf written() {
        return out.slice(start, out.writerIndex() - start);
    }

    private void patchLength() {
        int length = out.writerIndex() - start - StunHeader.BYTES;
        if (length > 0xFFFF) {
            throw new IllegalStateException("a STUN message holds at most 65535 bytes of attributes");
        }
        out.setShort(start + 2, length);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("message already finished");
        }
    }
}
