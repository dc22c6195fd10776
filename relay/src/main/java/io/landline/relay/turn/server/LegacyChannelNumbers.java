package io.landline.relay.turn.server;

import io.landline.protocol.stun.DecodeResult;
import io.landline.protocol.stun.Decoded;
import io.landline.protocol.stun.StunDecoder;
import io.landline.protocol.stun.StunHeader;
import io.landline.protocol.stun.StunIntegrity;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.attribute.AttributeType;
import io.landline.protocol.stun.attribute.ChannelNumber;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Channel numbers 0x5000-0x7FFF, which RFC 5766 §11 allowed and RFC 8656 §12 reserved (so that
 * a first byte of 80-127 never means ChannelData where RFC 7983 demultiplexes DTLS and SRTP
 * on one port). A TURN server's client port carries neither, and RFC 5766 clients still pick
 * any number up to 0x7FFF (coturn's own client does), so this server accepts the old range, as
 * coturn does. The codec keeps to RFC 8656; this class fills the gap at the three places it
 * matters: CHANNEL-NUMBER in a ChannelBind, ChannelData from the client (datagram or stream
 * frame), and ChannelData to the client.
 */
final class LegacyChannelNumbers {

    static final int MIN = 0x5000;
    static final int MAX = 0x7FFF;

    private LegacyChannelNumbers() {
    }

    /** Whether this server binds {@code number}: RFC 8656's 0x4000-0x4FFF or RFC 5766's rest up to 0x7FFF. */
    static boolean isBindable(int number) {
        return ChannelNumber.isValid(number) || isLegacy(number);
    }

    static boolean isLegacy(int number) {
        return number >= MIN && number <= MAX;
    }

    /** Whether a first byte starts a ChannelData message of the legacy range (0x50-0x7F). */
    static boolean isLegacyFirstByte(int firstByte) {
        return firstByte >= MIN >> 8 && firstByte <= MAX >> 8;
    }

    /**
     * Decodes a ChannelBind whose CHANNEL-NUMBER the codec refused as out of range: a copy with
     * the number replaced by a valid one goes through the codec (so every other check still
     * applies), then the real number is put back. Integrity is later checked on the original
     * bytes, which the copy does not change in length or layout. Null when the number is not
     * of the legacy range after all.
     */
    static StunMessage decodeChannelBind(StunDecoder decoder, ByteBuf message) {
        int at = valueIndex(message, AttributeType.CHANNEL_NUMBER, 4);
        if (at < 0 || !isLegacy(message.getUnsignedShort(at))) {
            return null;
        }
        int number = message.getUnsignedShort(at);
        // FINGERPRINT covers the number: check it on the original, then make it fit the copy.
        int fingerprint = valueIndex(message, AttributeType.FINGERPRINT, 4);
        int fingerprintOffset = fingerprint - 4 - message.readerIndex();
        if (fingerprint >= 0 && message.getInt(fingerprint) != StunIntegrity.fingerprint(message, fingerprintOffset)) {
            return null;
        }
        ByteBuf copy = message.copy();
        try {
            copy.setShort(at - message.readerIndex(), ChannelNumber.MIN);
            if (fingerprint >= 0) {
                copy.setInt(fingerprintOffset + 4, StunIntegrity.fingerprint(copy, fingerprintOffset));
            }
            DecodeResult<StunMessage> decoded = decoder.decode(copy);
            if (!(decoded instanceof Decoded<StunMessage> ok)) {
                return null;
            }
            StunMessage patched = ok.value();
            List<StunAttribute> attributes = new ArrayList<>(patched.attributes().size());
            for (StunAttribute attribute : patched.attributes()) {
                attributes.add(attribute instanceof ChannelNumber ? new ChannelNumber(number) : attribute);
            }
            return new StunMessage(patched.messageClass(), patched.method(), patched.transactionId(), attributes,
                    patched.unknownComprehensionRequired(), patched.offsets());
        } finally {
            copy.release();
        }
    }

    /** The absolute index of the first value of attribute {@code wanted} that is {@code size} bytes long, or -1; bounds-checked. */
    private static int valueIndex(ByteBuf message, int wanted, int size) {
        int start = message.readerIndex();
        int end = start + message.readableBytes();
        int at = start + StunHeader.BYTES;
        while (at + 4 <= end) {
            int type = message.getUnsignedShort(at);
            int length = message.getUnsignedShort(at + 2);
            if (at + 4 + length > end) {
                return -1;
            }
            if (type == wanted) {
                return length == size ? at + 4 : -1;
            }
            at += 4 + (length + 3 & ~3);
        }
        return -1;
    }

    /** The legacy-range ChannelData in {@code frame}: its number, or -1 when the frame is malformed (RFC 8656 §12.4). */
    static int channelOf(ByteBuf frame) {
        if (frame.readableBytes() < 4) {
            return -1;
        }
        int number = frame.getUnsignedShort(frame.readerIndex());
        int length = frame.getUnsignedShort(frame.readerIndex() + 2);
        int trailing = frame.readableBytes() - 4 - length;
        return isLegacy(number) && trailing >= 0 && trailing <= 3 ? number : -1;
    }

    /** Writes a ChannelData message of any bindable number: Channel Number, Length, data, padding (§12.4, §12.5). */
    static void encode(int number, ByteBuf data, boolean padded, ByteBuf out) {
        int length = data.readableBytes();
        out.writeShort(number).writeShort(length).writeBytes(data, data.readerIndex(), length);
        if (padded) {
            out.writeZero(-length & 3);
        }
    }

    /** The length of a legacy-range ChannelData frame at the front of a stream, padding included, or -1 when not one. */
    static int streamFrameLength(ByteBuf in) {
        if (in.readableBytes() < 4 || !isLegacyFirstByte(in.getUnsignedByte(in.readerIndex()))) {
            return -1;
        }
        int length = in.getUnsignedShort(in.readerIndex() + 2);
        return 4 + length + (-length & 3);
    }
}
