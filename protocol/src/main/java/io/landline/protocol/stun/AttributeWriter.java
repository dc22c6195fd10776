package io.landline.protocol.stun;

import io.landline.protocol.stun.attribute.AdditionalAddressFamily;
import io.landline.protocol.stun.attribute.AddressAttribute;
import io.landline.protocol.stun.attribute.AddressErrorCode;
import io.landline.protocol.stun.attribute.ChangeRequest;
import io.landline.protocol.stun.attribute.ChannelNumber;
import io.landline.protocol.stun.attribute.Data;
import io.landline.protocol.stun.attribute.DontFragment;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.EvenPort;
import io.landline.protocol.stun.attribute.Fingerprint;
import io.landline.protocol.stun.attribute.IceControlled;
import io.landline.protocol.stun.attribute.IceControlling;
import io.landline.protocol.stun.attribute.Icmp;
import io.landline.protocol.stun.attribute.Lifetime;
import io.landline.protocol.stun.attribute.MessageIntegrity;
import io.landline.protocol.stun.attribute.MessageIntegritySha256;
import io.landline.protocol.stun.attribute.PasswordAlgorithm;
import io.landline.protocol.stun.attribute.PasswordAlgorithms;
import io.landline.protocol.stun.attribute.Priority;
import io.landline.protocol.stun.attribute.RequestedAddressFamily;
import io.landline.protocol.stun.attribute.RequestedTransport;
import io.landline.protocol.stun.attribute.ReservationToken;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.landline.protocol.stun.attribute.TextAttribute;
import io.landline.protocol.stun.attribute.UnknownAttributes;
import io.landline.protocol.stun.attribute.UseCandidate;
import io.landline.protocol.stun.attribute.UserHash;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.Inet4Address;

/** Writes one attribute (type, length, value, zero padding) at the writer index. */
final class AttributeWriter {

    private AttributeWriter() {
    }

    /** @param start absolute index of the message's first byte, for the XOR of addresses */
    static void write(ByteBuf out, int start, StunAttribute attribute) {
        int at = out.writerIndex();
        out.writeShort(attribute.type()).writeShort(0);
        value(out, start, attribute);
        int length = out.writerIndex() - at - 4;
        out.setShort(at + 2, length);
        out.writeZero(-length & 3);
    }

    private static void value(ByteBuf out, int start, StunAttribute attribute) {
        if (attribute instanceof AddressAttribute a) {
            address(out, start, a);
        } else if (attribute instanceof TextAttribute t) {
            ByteBufUtil.writeUtf8(out, t.value());
        } else if (attribute instanceof UserHash u) {
            out.writeBytes(u.value());
        } else if (attribute instanceof MessageIntegrity m) {
            out.writeBytes(m.value());
        } else if (attribute instanceof MessageIntegritySha256 m) {
            out.writeBytes(m.value());
        } else if (attribute instanceof Fingerprint f) {
            out.writeInt(f.value());
        } else if (attribute instanceof ErrorCode e) {
            out.writeShort(0).writeByte(e.code() / 100).writeByte(e.code() % 100);
            ByteBufUtil.writeUtf8(out, e.reason());
        } else if (attribute instanceof AddressErrorCode e) {
            out.writeByte(e.family()).writeByte(0).writeByte(e.code() / 100).writeByte(e.code() % 100);
            ByteBufUtil.writeUtf8(out, e.reason());
        } else if (attribute instanceof UnknownAttributes u) {
            u.types().forEach(out::writeShort);
        } else if (attribute instanceof PasswordAlgorithm p) {
            out.writeShort(p.algorithm()).writeShort(0);
        } else if (attribute instanceof PasswordAlgorithms p) {
            p.algorithms().forEach(a -> out.writeShort(a).writeShort(0));
        } else if (attribute instanceof ChannelNumber c) {
            out.writeShort(c.value()).writeShort(0);
        } else if (attribute instanceof Lifetime l) {
            out.writeInt((int) l.seconds());
        } else if (attribute instanceof Data d) {
            out.writeBytes(d.content(), d.content().readerIndex(), d.content().readableBytes());
        } else if (attribute instanceof RequestedAddressFamily r) {
            out.writeByte(r.family()).writeMedium(0);
        } else if (attribute instanceof AdditionalAddressFamily r) {
            out.writeByte(r.family()).writeMedium(0);
        } else if (attribute instanceof EvenPort e) {
            out.writeByte(e.reserveNext() ? 0x80 : 0);
        } else if (attribute instanceof RequestedTransport r) {
            out.writeByte(r.protocol()).writeMedium(0);
        } else if (attribute instanceof ReservationToken r) {
            out.writeLong(r.value());
        } else if (attribute instanceof Icmp i) {
            out.writeShort(0).writeByte(i.icmpType()).writeByte(i.icmpCode()).writeInt(i.errorData());
        } else if (attribute instanceof Priority p) {
            out.writeInt((int) p.value());
        } else if (attribute instanceof IceControlled c) {
            out.writeLong(c.tieBreaker());
        } else if (attribute instanceof IceControlling c) {
            out.writeLong(c.tieBreaker());
        } else if (attribute instanceof ChangeRequest c) {
            out.writeInt((c.changeIp() ? 0x4 : 0) | (c.changePort() ? 0x2 : 0));
        } else if (!(attribute instanceof DontFragment) && !(attribute instanceof UseCandidate)) {
            throw new IllegalStateException("no writer for " + attribute);
        }
    }

    /** RFC 8489 §14.1, §14.2; see {@link AttributeReader}. */
    private static void address(ByteBuf out, int start, AddressAttribute attribute) {
        byte[] ip = attribute.address().getAddress().getAddress();
        boolean v4 = attribute.address().getAddress() instanceof Inet4Address;
        int port = attribute.address().getPort();
        if (attribute.xored()) {
            port ^= StunHeader.MAGIC_COOKIE >>> 16;
            for (int i = 0; i < ip.length; i++) {
                ip[i] ^= out.getByte(start + 4 + i);
            }
        }
        out.writeByte(0).writeByte(v4 ? 0x01 : 0x02).writeShort(port).writeBytes(ip);
    }
}
