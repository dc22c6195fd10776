package io.landline.protocol.stun;

import io.landline.protocol.stun.attribute.AttributeType;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one STUN message from a datagram or from a frame that {@code StreamFramer} split off
 * a TCP/TLS stream: the same parser for both transports. Never throws on bad bytes: the
 * result says why (see {@link MalformedReason}). Thread-safe and stateless apart from its limit.
 *
 * <p>The decoder reads the readable bytes of the buffer without moving its indexes or
 * releasing it; the caller stays the buffer's owner. {@link io.landline.protocol.stun.attribute.Data}
 * attributes are slices of that buffer.
 */
public final class StunDecoder {

    /**
     * Largest message accepted by default. A STUN message can claim up to 20 + 65532 bytes; 8 KiB
     * holds any Allocate, Binding or Send indication a client sends within a path MTU, with room
     * for jumbo frames, and bounds what one stream connection can make the server buffer.
     */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 8192;

    private final int maxMessageSize;

    public StunDecoder() {
        this(DEFAULT_MAX_MESSAGE_SIZE);
    }

    /** @param maxMessageSize largest message in bytes, header included; 20..65555 */
    public StunDecoder(int maxMessageSize) {
        if (maxMessageSize < StunHeader.BYTES || maxMessageSize > StunHeader.BYTES + 0xFFFF) {
            throw new IllegalArgumentException("maxMessageSize must be 20..65555: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Whether the first bytes could be a STUN message: the two top bits zero and, if 8 bytes are
     * there, the magic cookie (RFC 8489 §5, RFC 7983). Cheap; for demultiplexing.
     */
    public static boolean looksLikeStun(ByteBuf buf) {
        int at = buf.readerIndex();
        if (buf.readableBytes() < 1 || (buf.getByte(at) & 0xC0) != 0) {
            return false;
        }
        return buf.readableBytes() < 8 || buf.getInt(at + 4) == StunHeader.MAGIC_COOKIE;
    }

    /**
     * Decodes the readable bytes of {@code message}, which must be exactly one message.
     *
     * <p>Checks, in order: the header (RFC 8489 §5: two zero bits, magic cookie, length a
     * multiple of 4 that matches the bytes present, within the limit), then each attribute
     * (§14: within the message, its value well-formed), the rules of order (nothing after
     * FINGERPRINT; after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT count,
     * §14.5–§14.7), duplicates, and the FINGERPRINT value. Integrity is left to
     * {@link StunIntegrity}: the key depends on the USERNAME, which is the caller's business.
     */
    public DecodeResult<StunMessage> decode(ByteBuf message) {
        int start = message.readerIndex();
        int readable = message.readableBytes();
        if (readable == 0) {
            return Malformed.of(MalformedReason.EMPTY);
        }
        if ((message.getByte(start) & 0xC0) != 0) {
            return Malformed.of(MalformedReason.NOT_STUN);
        }
        if (readable < StunHeader.BYTES) {
            return Malformed.of(MalformedReason.TRUNCATED_HEADER);
        }
        if (message.getInt(start + 4) != StunHeader.MAGIC_COOKIE) {
            return Malformed.of(MalformedReason.BAD_MAGIC_COOKIE);
        }
        int length = message.getUnsignedShort(start + 2);
        if (length % 4 != 0) {
            return Malformed.of(MalformedReason.LENGTH_NOT_MULTIPLE_OF_4);
        }
        if (StunHeader.BYTES + length > maxMessageSize || readable > maxMessageSize) {
            return Malformed.of(MalformedReason.TOO_LARGE);
        }
        if (StunHeader.BYTES + length != readable) {
            return Malformed.of(MalformedReason.LENGTH_MISMATCH);
        }
        int type = message.getUnsignedShort(start);
        StunHeader header = new StunHeader(StunHeader.classOf(type), StunHeader.methodOf(type),
                TransactionId.read(message, start + 8), length);
        return attributes(message, start, header);
    }

    private static DecodeResult<StunMessage> attributes(ByteBuf message, int start, StunHeader header) {
        int end = start + StunHeader.BYTES + header.length();
        List<StunAttribute> attributes = new ArrayList<>(8);
        List<Integer> unknown = List.of();
        int mi = IntegrityOffsets.ABSENT;
        int mi256 = IntegrityOffsets.ABSENT;
        int fingerprint = IntegrityOffsets.ABSENT;
        long seen = 0;
        int at = start + StunHeader.BYTES;
        while (at < end) {
            if (fingerprint != IntegrityOffsets.ABSENT) {
                return Malformed.of(MalformedReason.ATTRIBUTE_AFTER_FINGERPRINT);
            }
            // at and end are both 4-aligned from start, so 4 header bytes are always there
            int type = message.getUnsignedShort(at);
            int len = message.getUnsignedShort(at + 2);
            int value = at + 4;
            if (value + len > end) {
                return Malformed.of(MalformedReason.ATTRIBUTE_TRUNCATED, header);
            }
            int next = value + (len + 3 & ~3);
            boolean counted = type == AttributeType.FINGERPRINT
                    || mi256 == IntegrityOffsets.ABSENT
                    && (mi == IntegrityOffsets.ABSENT || type == AttributeType.MESSAGE_INTEGRITY_SHA256);
            if (!counted) {
                at = next; // §14.5, §14.6: ignored after the integrity attributes
                continue;
            }
            Object read = AttributeReader.read(message, start, type, value, len);
            if (read instanceof MalformedReason reason) {
                return Malformed.of(reason, header);
            }
            if (read == null) {
                if (AttributeType.isComprehensionRequired(type)) {
                    unknown = unknown.isEmpty() ? new ArrayList<>(2) : unknown;
                    unknown.add(type);
                }
                at = next;
                continue;
            }
            long bit = singletonBit(type);
            if ((seen & bit) != 0) {
                return Malformed.of(MalformedReason.DUPLICATE_ATTRIBUTE, header);
            }
            seen |= bit;
            int offset = at - start;
            switch (type) {
                case AttributeType.MESSAGE_INTEGRITY -> mi = offset;
                case AttributeType.MESSAGE_INTEGRITY_SHA256 -> mi256 = offset;
                case AttributeType.FINGERPRINT -> {
                    if (StunIntegrity.fingerprint(message, offset) != message.getInt(value)) {
                        return Malformed.of(MalformedReason.BAD_FINGERPRINT);
                    }
                    fingerprint = offset;
                }
                default -> {
                }
            }
            attributes.add((StunAttribute) read);
            at = next;
        }
        return new Decoded<>(new StunMessage(header.messageClass(), header.method(), header.transactionId(),
                attributes, unknown, new IntegrityOffsets(mi, mi256, fingerprint)));
    }

    /**
     * A bit per attribute type that may appear only once. RFC 8489 §14 lets a receiver ignore
     * duplicates; a second USERNAME, NONCE, LIFETIME or CHANNEL-NUMBER is rejected instead, so
     * that no two readers of one message can disagree on which counts. XOR-PEER-ADDRESS,
     * XOR-RELAYED-ADDRESS and ADDRESS-ERROR-CODE repeat by design (RFC 8656 §9.1, §18.12).
     */
    private static long singletonBit(int type) {
        return switch (type) {
            case AttributeType.XOR_PEER_ADDRESS, AttributeType.XOR_RELAYED_ADDRESS, AttributeType.ADDRESS_ERROR_CODE -> 0;
            // every known type maps to its own bit: 0x0000..0x002F, 0x8000..0x8004, 0x8022..0x802C
            default -> type < 0x8000 ? 1L << type
                    : type <= 0x8004 ? 1L << 48 + (type - 0x8000)
                    : 1L << 53 + (type - 0x8022);
        };
    }
}
