package io.landline.protocol.stun;

import static io.landline.protocol.stun.MalformedReason.BAD_ADDRESS_FAMILY;
import static io.landline.protocol.stun.MalformedReason.BAD_ATTRIBUTE_LENGTH;
import static io.landline.protocol.stun.MalformedReason.BAD_UTF8;
import static io.landline.protocol.stun.MalformedReason.ERROR_CODE_OUT_OF_RANGE;
import static io.landline.protocol.stun.MalformedReason.VALUE_TOO_LONG;

import io.landline.protocol.stun.attribute.AdditionalAddressFamily;
import io.landline.protocol.stun.attribute.AddressErrorCode;
import io.landline.protocol.stun.attribute.AddressFamily;
import io.landline.protocol.stun.attribute.AlternateDomain;
import io.landline.protocol.stun.attribute.AlternateServer;
import io.landline.protocol.stun.attribute.AttributeType;
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
import io.landline.protocol.stun.attribute.MappedAddress;
import io.landline.protocol.stun.attribute.MessageIntegrity;
import io.landline.protocol.stun.attribute.MessageIntegritySha256;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.OtherAddress;
import io.landline.protocol.stun.attribute.PasswordAlgorithm;
import io.landline.protocol.stun.attribute.PasswordAlgorithms;
import io.landline.protocol.stun.attribute.Priority;
import io.landline.protocol.stun.attribute.Realm;
import io.landline.protocol.stun.attribute.RequestedAddressFamily;
import io.landline.protocol.stun.attribute.RequestedTransport;
import io.landline.protocol.stun.attribute.ReservationToken;
import io.landline.protocol.stun.attribute.ResponseOrigin;
import io.landline.protocol.stun.attribute.Software;
import io.landline.protocol.stun.attribute.UnknownAttributes;
import io.landline.protocol.stun.attribute.UseCandidate;
import io.landline.protocol.stun.attribute.UserHash;
import io.landline.protocol.stun.attribute.Username;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.landline.protocol.stun.attribute.XorPeerAddress;
import io.landline.protocol.stun.attribute.XorRelayedAddress;
import io.netty.buffer.ByteBuf;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one attribute value. Returns the attribute record, a {@link MalformedReason}, or null
 * for a type this codec does not know; a sum type without an allocation per call.
 */
final class AttributeReader {

    private AttributeReader() {
    }

    /**
     * @param buf   the message
     * @param start absolute index of the message's first byte (for XOR with the transaction ID)
     * @param value absolute index of the value
     * @param len   the attribute's Length field
     */
    static Object read(ByteBuf buf, int start, int type, int value, int len) {
        return switch (type) {
            case AttributeType.MAPPED_ADDRESS, AttributeType.XOR_MAPPED_ADDRESS, AttributeType.XOR_PEER_ADDRESS,
                    AttributeType.XOR_RELAYED_ADDRESS, AttributeType.ALTERNATE_SERVER, AttributeType.RESPONSE_ORIGIN,
                    AttributeType.OTHER_ADDRESS -> address(buf, start, type, value, len);
            case AttributeType.USERNAME, AttributeType.REALM, AttributeType.NONCE, AttributeType.SOFTWARE,
                    AttributeType.ALTERNATE_DOMAIN -> text(buf, type, value, len);
            case AttributeType.USERHASH -> len == 32 ? new UserHash(bytes(buf, value, len)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.MESSAGE_INTEGRITY -> len == 20 ? new MessageIntegrity(bytes(buf, value, len)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.MESSAGE_INTEGRITY_SHA256 -> len >= 16 && len <= 32 && len % 4 == 0
                    ? new MessageIntegritySha256(bytes(buf, value, len)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.FINGERPRINT -> len == 4 ? new Fingerprint(buf.getInt(value)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.ERROR_CODE -> errorCode(buf, value, len);
            case AttributeType.ADDRESS_ERROR_CODE -> addressErrorCode(buf, value, len);
            case AttributeType.UNKNOWN_ATTRIBUTES -> unknownAttributes(buf, value, len);
            case AttributeType.PASSWORD_ALGORITHM -> passwordAlgorithm(buf, value, len);
            case AttributeType.PASSWORD_ALGORITHMS -> passwordAlgorithms(buf, value, len);
            case AttributeType.CHANNEL_NUMBER -> channelNumber(buf, value, len);
            case AttributeType.LIFETIME -> len == 4 ? Lifetime.ofSeconds(buf.getUnsignedInt(value)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.DATA -> new Data(buf.slice(value, len));
            case AttributeType.REQUESTED_ADDRESS_FAMILY ->
                    len == 4 ? new RequestedAddressFamily(buf.getUnsignedByte(value)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.ADDITIONAL_ADDRESS_FAMILY ->
                    len == 4 ? new AdditionalAddressFamily(buf.getUnsignedByte(value)) : BAD_ATTRIBUTE_LENGTH;
            // RFC 8656 §18.7 gives EVEN-PORT one byte; some agents send a padded word.
            case AttributeType.EVEN_PORT -> len == 1 || len == 4
                    ? new EvenPort((buf.getByte(value) & 0x80) != 0) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.REQUESTED_TRANSPORT ->
                    len == 4 ? new RequestedTransport(buf.getUnsignedByte(value)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.DONT_FRAGMENT -> len == 0 ? DontFragment.INSTANCE : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.RESERVATION_TOKEN -> len == 8 ? new ReservationToken(buf.getLong(value)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.ICMP -> len == 8
                    ? new Icmp(buf.getUnsignedByte(value + 2), buf.getUnsignedByte(value + 3), buf.getInt(value + 4))
                    : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.PRIORITY -> len == 4 ? new Priority(buf.getUnsignedInt(value)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.USE_CANDIDATE -> len == 0 ? UseCandidate.INSTANCE : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.ICE_CONTROLLED -> len == 8 ? new IceControlled(buf.getLong(value)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.ICE_CONTROLLING -> len == 8 ? new IceControlling(buf.getLong(value)) : BAD_ATTRIBUTE_LENGTH;
            case AttributeType.CHANGE_REQUEST -> len == 4
                    ? new ChangeRequest((buf.getInt(value) & 0x4) != 0, (buf.getInt(value) & 0x2) != 0)
                    : BAD_ATTRIBUTE_LENGTH;
            default -> null;
        };
    }

    /**
     * RFC 8489 §14.1, §14.2: reserved byte, family, port, then 4 or 16 bytes of address; the
     * XOR variants XOR the port with the cookie's top 16 bits and the address with the cookie
     * (IPv4) or the cookie and transaction ID (IPv6).
     */
    private static Object address(ByteBuf buf, int start, int type, int value, int len) {
        if (len < 4) {
            return BAD_ATTRIBUTE_LENGTH;
        }
        int family = buf.getUnsignedByte(value + 1);
        if (!AddressFamily.isKnown(family)) {
            return BAD_ADDRESS_FAMILY;
        }
        int addressLength = family == AddressFamily.IPV4 ? 4 : 16;
        if (len != 4 + addressLength) {
            return BAD_ATTRIBUTE_LENGTH;
        }
        boolean xor = type == AttributeType.XOR_MAPPED_ADDRESS || type == AttributeType.XOR_PEER_ADDRESS
                || type == AttributeType.XOR_RELAYED_ADDRESS;
        int port = buf.getUnsignedShort(value + 2);
        byte[] ip = new byte[addressLength];
        buf.getBytes(value + 4, ip);
        if (xor) {
            port ^= StunHeader.MAGIC_COOKIE >>> 16;
            for (int i = 0; i < addressLength; i++) {
                // bytes 4..19 of the header are the cookie and the transaction ID
                ip[i] ^= buf.getByte(start + 4 + i);
            }
        }
        InetSocketAddress address = new InetSocketAddress(inetAddress(ip), port);
        return switch (type) {
            case AttributeType.MAPPED_ADDRESS -> new MappedAddress(address);
            case AttributeType.XOR_MAPPED_ADDRESS -> new XorMappedAddress(address);
            case AttributeType.XOR_PEER_ADDRESS -> new XorPeerAddress(address);
            case AttributeType.XOR_RELAYED_ADDRESS -> new XorRelayedAddress(address);
            case AttributeType.ALTERNATE_SERVER -> new AlternateServer(address);
            case AttributeType.RESPONSE_ORIGIN -> new ResponseOrigin(address);
            default -> new OtherAddress(address);
        };
    }

    /** 16 bytes stay IPv6 even when IPv4-mapped, so that a peer policy sees what was sent. */
    static InetAddress inetAddress(byte[] ip) {
        try {
            return ip.length == 4 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static Object text(ByteBuf buf, int type, int value, int len) {
        int max = switch (type) {
            case AttributeType.USERNAME -> Username.MAX_BYTES;
            case AttributeType.ALTERNATE_DOMAIN -> AlternateDomain.MAX_BYTES;
            default -> Realm.MAX_BYTES;
        };
        if (len > max) {
            return VALUE_TOO_LONG;
        }
        if (!Utf8.isValid(buf, value, len)) {
            return BAD_UTF8;
        }
        String s = buf.toString(value, len, StandardCharsets.UTF_8);
        return switch (type) {
            case AttributeType.USERNAME -> new Username(s);
            case AttributeType.REALM -> new Realm(s);
            case AttributeType.NONCE -> new Nonce(s);
            case AttributeType.SOFTWARE -> new Software(s);
            default -> new AlternateDomain(s);
        };
    }

    private static byte[] bytes(ByteBuf buf, int value, int len) {
        byte[] b = new byte[len];
        buf.getBytes(value, b);
        return b;
    }

    /** RFC 8489 §14.8: 21 reserved bits, class (3 bits, 3..6), number (8 bits, 0..99), reason phrase. */
    private static Object errorCode(ByteBuf buf, int value, int len) {
        Object code = code(buf, value, len);
        if (code instanceof MalformedReason) {
            return code;
        }
        Object reason = reason(buf, value, len);
        if (reason instanceof MalformedReason) {
            return reason;
        }
        return new ErrorCode((Integer) code, (String) reason);
    }

    /** RFC 8656 §18.12: as ERROR-CODE, with the family in the first byte. */
    private static Object addressErrorCode(ByteBuf buf, int value, int len) {
        Object code = code(buf, value, len);
        if (code instanceof MalformedReason) {
            return code;
        }
        Object reason = reason(buf, value, len);
        if (reason instanceof MalformedReason) {
            return reason;
        }
        return new AddressErrorCode(buf.getUnsignedByte(value), (Integer) code, (String) reason);
    }

    private static Object code(ByteBuf buf, int value, int len) {
        if (len < 4) {
            return BAD_ATTRIBUTE_LENGTH;
        }
        int cls = buf.getByte(value + 2) & 0x07;
        int number = buf.getUnsignedByte(value + 3);
        if (cls < 3 || cls > 6 || number > 99) {
            return ERROR_CODE_OUT_OF_RANGE;
        }
        return cls * 100 + number;
    }

    private static Object reason(ByteBuf buf, int value, int len) {
        int n = len - 4;
        if (n > ErrorCode.MAX_REASON_BYTES) {
            return VALUE_TOO_LONG;
        }
        if (!Utf8.isValid(buf, value + 4, n)) {
            return BAD_UTF8;
        }
        return buf.toString(value + 4, n, StandardCharsets.UTF_8);
    }

    private static Object unknownAttributes(ByteBuf buf, int value, int len) {
        if (len % 2 != 0) {
            return BAD_ATTRIBUTE_LENGTH;
        }
        List<Integer> types = new ArrayList<>(len / 2);
        for (int i = 0; i < len; i += 2) {
            types.add(buf.getUnsignedShort(value + i));
        }
        return new UnknownAttributes(types);
    }

    /** RFC 8489 §14.12: algorithm, parameters length, parameters (skipped). */
    private static Object passwordAlgorithm(ByteBuf buf, int value, int len) {
        if (len < 4 || 4 + buf.getUnsignedShort(value + 2) > len) {
            return BAD_ATTRIBUTE_LENGTH;
        }
        return new PasswordAlgorithm(buf.getUnsignedShort(value));
    }

    /** RFC 8489 §14.11: entries of algorithm, parameters length, parameters padded to 4. */
    private static Object passwordAlgorithms(ByteBuf buf, int value, int len) {
        List<Integer> algorithms = new ArrayList<>(2);
        int i = 0;
        while (i < len) {
            if (len - i < 4) {
                return BAD_ATTRIBUTE_LENGTH;
            }
            int parameters = buf.getUnsignedShort(value + i + 2);
            int next = i + 4 + (parameters + 3 & ~3);
            if (next > len) {
                return BAD_ATTRIBUTE_LENGTH;
            }
            algorithms.add(buf.getUnsignedShort(value + i));
            i = next;
        }
        return new PasswordAlgorithms(algorithms);
    }

    /**
     * RFC 8656 §18.1: the number, then 16 RFFU bits. Any number decodes: whether it may be bound
     * (§12.2, 400 otherwise) is the server's call, see {@link ChannelNumber#isValid()}.
     */
    private static Object channelNumber(ByteBuf buf, int value, int len) {
        return len == 4 ? new ChannelNumber(buf.getUnsignedShort(value)) : BAD_ATTRIBUTE_LENGTH;
    }
}
