package io.landline.protocol.stun;

import static io.landline.protocol.stun.Raw.attr;
import static io.landline.protocol.stun.Raw.concat;
import static io.landline.protocol.stun.Raw.stun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.landline.protocol.stun.attribute.StunAttribute;
import io.landline.protocol.stun.attribute.UnknownAttributes;
import io.landline.protocol.stun.attribute.UseCandidate;
import io.landline.protocol.stun.attribute.UserHash;
import io.landline.protocol.stun.attribute.Username;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.landline.protocol.stun.attribute.XorPeerAddress;
import io.landline.protocol.stun.attribute.XorRelayedAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StunCodecTest {

    static final TransactionId TX = TransactionId.of(Raw.TRANSACTION);
    static final byte[] KEY = StunKeys.longTermMd5("alice", "landline", "secret");
    static final byte[] KEY256 = StunKeys.longTermSha256("alice", "landline", "secret");

    private final StunDecoder decoder = new StunDecoder();

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An IPv4-mapped IPv6 address that stays IPv6 (InetAddress.getByName would turn it into IPv4). */
    static InetSocketAddress mapped(int a, int b, int c, int d, int port) {
        byte[] ip = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) a, (byte) b, (byte) c, (byte) d};
        try {
            return new InetSocketAddress(Inet6Address.getByAddress(null, ip, -1), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** One of every attribute record, in an order a decoder keeps. */
    static List<StunAttribute> everyAttribute() {
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(hash);
        return List.of(
                new MappedAddress(address("192.0.2.1", 1)),
                new XorMappedAddress(address("2001:db8::1", 65535)),
                new XorPeerAddress(address("198.51.100.7", 49152)),
                new XorPeerAddress(mapped(198, 51, 100, 8, 49153)),
                new XorRelayedAddress(address("203.0.113.9", 50000)),
                new XorRelayedAddress(address("2001:db8::9", 50001)),
                new AlternateServer(address("203.0.113.10", 3478)),
                new ResponseOrigin(address("203.0.113.11", 3478)),
                new OtherAddress(address("203.0.113.12", 3479)),
                new Username("alice"),
                new UserHash(hash),
                new Realm("landline"),
                new Nonce("obMatJos2gAAA0123456789abcdef"),
                new Software("landline 0.1 \u00e9t\u00e9"),
                new AlternateDomain("turn.example.net"),
                new ErrorCode(438, "Stale Nonce"),
                new UnknownAttributes(List.of(0x7FFF, 0x0002, 0x0005)),
                new PasswordAlgorithm(PasswordAlgorithm.SHA_256),
                new PasswordAlgorithms(List.of(PasswordAlgorithm.SHA_256, PasswordAlgorithm.MD5)),
                new ChannelNumber(0x4ABC),
                Lifetime.ofSeconds(0xFFFF_FFFFL),
                new Data(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5})),
                new RequestedAddressFamily(AddressFamily.IPV6),
                new EvenPort(true),
                new RequestedTransport(RequestedTransport.UDP),
                DontFragment.INSTANCE,
                new ReservationToken(0x0123456789ABCDEFL),
                new AdditionalAddressFamily(AddressFamily.IPV6),
                new AddressErrorCode(AddressFamily.IPV6, 440, "Address Family not Supported"),
                new Icmp(3, 13, 0x01020304),
                new Priority(0xFFFF_FFFFL),
                UseCandidate.INSTANCE,
                new IceControlled(-1L),
                new IceControlling(42L),
                new ChangeRequest(true, false));
    }

    @Test
    void everyAttributeRoundTripsThroughWriterAndDecoder() {
        List<StunAttribute> attributes = everyAttribute();
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            StunWriter.start(out, StunClass.REQUEST, StunMethod.ALLOCATE, TX).addAll(attributes).finish(StunTrailer.NONE);
            StunMessage m = decoder.decode(out).orElseThrow();
            assertThat(m.attributes()).containsExactlyElementsOf(attributes);
            assertThat(m.unknownComprehensionRequired()).isEmpty();
            assertThat(m.all(XorPeerAddress.class)).hasSize(2);
            assertThat(m.all(XorRelayedAddress.class)).hasSize(2);
        } finally {
            out.release();
        }
        assertThat(out.refCnt()).isZero();
    }

    @Test
    void messageTypeInterleavesMethodAndClassBits() {
        // RFC 8489 §5: 0x0001 Binding request, 0x0111 Binding error, 0x0017 Data indication, 0x0103 Allocate success
        assertThat(StunHeader.messageType(StunClass.REQUEST, StunMethod.BINDING)).isEqualTo(0x0001);
        assertThat(StunHeader.messageType(StunClass.ERROR_RESPONSE, StunMethod.BINDING)).isEqualTo(0x0111);
        assertThat(StunHeader.messageType(StunClass.INDICATION, StunMethod.DATA)).isEqualTo(0x0017);
        assertThat(StunHeader.messageType(StunClass.SUCCESS_RESPONSE, StunMethod.ALLOCATE)).isEqualTo(0x0103);
        for (int method = 0; method <= 0xFFF; method++) {
            for (StunClass c : StunClass.values()) {
                int type = StunHeader.messageType(c, StunMethod.of(method));
                assertThat(type).isLessThan(0x4000);
                assertThat(StunHeader.classOf(type)).isEqualTo(c);
                assertThat(StunHeader.methodOf(type).code()).isEqualTo(method);
            }
        }
    }

    @Test
    void trailerAddsIntegrityBothWaysThenFingerprintAndEachVerifies() {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            int length = StunWriter.start(out, StunClass.SUCCESS_RESPONSE, StunMethod.ALLOCATE, TX)
                    .add(new XorRelayedAddress(address("203.0.113.9", 50000)))
                    .add(Lifetime.ofSeconds(600))
                    .finish(StunTrailer.messageIntegrity(KEY).withMessageIntegritySha256(KEY256).withFingerprint());
            assertThat(length).isEqualTo(out.readableBytes());
            StunMessage m = decoder.decode(out).orElseThrow();
            assertThat(m.attributes()).extracting(StunAttribute::type).endsWith(
                    AttributeType.MESSAGE_INTEGRITY, AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.FINGERPRINT);
            assertThat(StunIntegrity.verifyMessageIntegrity(out, m, KEY)).isTrue();
            assertThat(StunIntegrity.verifyMessageIntegritySha256(out, m, KEY256)).isTrue();
            assertThat(StunIntegrity.verifyMessageIntegrity(out, m, KEY256)).isFalse();
            assertThat(StunIntegrity.verifyMessageIntegritySha256(out, m, KEY)).isFalse();
        } finally {
            out.release();
        }
    }

    @Test
    void anyFlippedBitBeforeTheIntegrityFailsIt() {
        ByteBuf out = Unpooled.buffer();
        StunWriter.start(out, StunClass.REQUEST, StunMethod.REFRESH, TX).add(Lifetime.ofSeconds(600))
                .finish(StunTrailer.messageIntegrity(KEY));
        byte[] good = Hex.toArray(out);
        for (int i = 0; i < good.length - 24; i++) {
            if (i >= 2 && i < 4) {
                continue; // the length is replaced before hashing
            }
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            ByteBuf buf = Unpooled.wrappedBuffer(bad);
            DecodeResult<StunMessage> r = decoder.decode(buf);
            if (r instanceof Decoded<StunMessage> d) {
                assertThat(StunIntegrity.verifyMessageIntegrity(buf, d.value(), KEY)).as("bit flipped at %d", i).isFalse();
            }
        }
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnoredAndTheIntegrityStillChecks() {
        ByteBuf signed = Unpooled.buffer();
        StunWriter.start(signed, StunClass.REQUEST, StunMethod.ALLOCATE, TX).add(new Username("alice"))
                .finish(StunTrailer.messageIntegrity(KEY));
        // RFC 8489 §14.5: a man in the middle appending attributes must not change what counts
        byte[] tampered = concat(Hex.toArray(signed), attr(AttributeType.USERNAME, "mallory".getBytes()),
                attr(AttributeType.LIFETIME, new byte[4]), attr(0x7FFE, new byte[4]));
        tampered[3] = (byte) (tampered.length - 20);
        ByteBuf buf = Unpooled.wrappedBuffer(tampered);
        StunMessage m = decoder.decode(buf).orElseThrow();
        assertThat(m.all(Username.class)).containsExactly(new Username("alice"));
        assertThat(m.has(Lifetime.class)).isFalse();
        assertThat(m.unknownComprehensionRequired()).isEmpty();
        assertThat(StunIntegrity.verifyMessageIntegrity(buf, m, KEY)).isTrue();
    }

    @Test
    void messageIntegrityAfterMessageIntegritySha256IsIgnored() {
        ByteBuf signed = Unpooled.buffer();
        StunWriter.start(signed, StunClass.REQUEST, StunMethod.BINDING, TX).finish(StunTrailer.messageIntegritySha256(KEY256));
        byte[] bytes = concat(Hex.toArray(signed), attr(AttributeType.MESSAGE_INTEGRITY, new byte[20]));
        bytes[3] = (byte) (bytes.length - 20);
        StunMessage m = decoder.decode(Unpooled.wrappedBuffer(bytes)).orElseThrow();
        assertThat(m.has(MessageIntegrity.class)).isFalse();
        assertThat(m.offsets().hasMessageIntegrity()).isFalse();
        assertThat(m.has(MessageIntegritySha256.class)).isTrue();
    }

    @Test
    void unknownComprehensionRequiredAttributesAreReportedForA420AndOptionalOnesSkipped() {
        byte[] bytes = stun(0x0003, attr(0x7FFF, new byte[] {1}), attr(0xC001, new byte[8]),
                attr(AttributeType.REQUESTED_TRANSPORT, new byte[] {17, 0, 0, 0}), attr(0x002F, new byte[0]));
        StunMessage m = decoder.decode(Unpooled.wrappedBuffer(bytes)).orElseThrow();
        assertThat(m.unknownComprehensionRequired()).containsExactly(0x7FFF, 0x002F);
        assertThat(m.attributes()).containsExactly(new RequestedTransport(17));
    }

    @Test
    void decodedDataIsASliceOfTheDatagramNotACopy() {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        ByteBuf payload = Unpooled.wrappedBuffer("media".getBytes(StandardCharsets.US_ASCII));
        try {
            StunWriter.start(out, StunClass.INDICATION, StunMethod.DATA, TX)
                    .add(new XorPeerAddress(address("198.51.100.7", 5000)))
                    .addData(payload, 0, 5)
                    .finish(StunTrailer.NONE);
            StunMessage m = decoder.decode(out).orElseThrow();
            ByteBuf data = m.first(Data.class).orElseThrow().content();
            assertThat(data.toString(StandardCharsets.US_ASCII)).isEqualTo("media");
            assertThat(out.refCnt()).as("a slice does not retain").isEqualTo(1);
            out.setByte(out.readerIndex() + out.readableBytes() - 8, 'M');
            assertThat(data.toString(StandardCharsets.US_ASCII)).as("shares memory").isEqualTo("Media");
        } finally {
            out.release();
        }
        assertThat(out.refCnt()).isZero();
    }

    @Test
    void addDataWritesWhatADataRecordWrites() {
        ByteBuf a = Unpooled.buffer();
        ByteBuf b = Unpooled.buffer();
        byte[] payload = {9, 8, 7, 6, 5, 4, 3};
        StunWriter.start(a, StunClass.INDICATION, StunMethod.SEND, TX).addData(Unpooled.wrappedBuffer(payload), 0, 7)
                .finish(StunTrailer.FINGERPRINT);
        StunWriter.start(b, StunClass.INDICATION, StunMethod.SEND, TX).add(new Data(Unpooled.wrappedBuffer(payload)))
                .finish(StunTrailer.FINGERPRINT);
        assertThat(Hex.toArray(a)).isEqualTo(Hex.toArray(b));
        assertThat(a.readableBytes() % 4).isZero();
    }

    @Test
    void ipv4MappedIpv6PeerStaysIpv6SoThatAPeerPolicySeesIt() {
        ByteBuf out = Unpooled.buffer();
        StunWriter.start(out, StunClass.REQUEST, StunMethod.CREATE_PERMISSION, TX)
                .add(new XorPeerAddress(mapped(127, 0, 0, 1, 80))).finish(StunTrailer.NONE);
        assertThat(out.getByte(20 + 5)).as("family").isEqualTo((byte) 0x02);
        InetAddress peer = decoder.decode(out).orElseThrow().first(XorPeerAddress.class).orElseThrow().address().getAddress();
        assertThat(peer).isInstanceOf(Inet6Address.class);
        assertThat(((Inet6Address) peer).isIPv4CompatibleAddress()).isFalse();
        assertThat(peer.getAddress()).hasSize(16);
    }

    @Test
    void encodeSkipsIntegrityAttributesOfTheMessageAndLetsTheTrailerDecide() {
        ByteBuf a = Unpooled.buffer();
        StunMessage withStale = StunMessage.of(StunClass.REQUEST, StunMethod.BINDING, TX,
                new Software("x"), new MessageIntegrity(new byte[20]), new Fingerprint(0));
        StunWriter.encode(withStale, StunTrailer.FINGERPRINT, a);
        StunMessage m = decoder.decode(a).orElseThrow();
        assertThat(m.attributes()).extracting(StunAttribute::type).containsExactly(AttributeType.SOFTWARE, AttributeType.FINGERPRINT);
    }

    @Test
    void writerMisuseIsAnIllegalStateNotAMalformedMessage() {
        ByteBuf out = Unpooled.buffer();
        StunWriter w = StunWriter.start(out, StunClass.REQUEST, StunMethod.BINDING, TX);
        assertThatThrownBy(() -> w.add(new Fingerprint(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.add(new MessageIntegrity(new byte[20]))).isInstanceOf(IllegalStateException.class);
        w.finish(StunTrailer.NONE);
        assertThatThrownBy(() -> w.add(new Software("late"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.finish(StunTrailer.NONE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRealmOfMultibyteCharactersIsLimitedByBytesNotCharacters() {
        String euro = "\u20ac".repeat(254); // 762 bytes
        assertThat(new Realm(euro).value()).hasSize(254);
        assertThatThrownBy(() -> new Realm(euro + "\u20ac")).isInstanceOf(IllegalArgumentException.class);
        byte[] bytes = stun(0x0001, attr(AttributeType.REALM, euro.getBytes(StandardCharsets.UTF_8)));
        assertThat(decoder.decode(Unpooled.wrappedBuffer(bytes)).orElseThrow().first(Realm.class)).contains(new Realm(euro));
    }

    @Test
    void errorCodeSplitsIntoClassAndNumber() {
        byte[] bytes = stun(0x0113, attr(AttributeType.ERROR_CODE, Hex.bytes("00 00 04 26 53 74 61 6c 65")));
        assertThat(decoder.decode(Unpooled.wrappedBuffer(bytes)).orElseThrow().first(ErrorCode.class))
                .contains(new ErrorCode(438, "Stale"));
        assertThat(ErrorCode.of(420).reason()).isEqualTo("Unknown Attribute");
        assertThatThrownBy(() -> new ErrorCode(200, "OK")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChannelNumberOutsideTheRangeDecodesForTheServerToRefuseWith400() {
        for (int number : new int[] {0x3FFF, 0x5000, 0x7FFF, 0xFFFF}) {
            byte[] bytes = stun(0x0009, attr(AttributeType.CHANNEL_NUMBER, new byte[] {(byte) (number >> 8), (byte) number, 0, 0}));
            ChannelNumber decoded = decoder.decode(Unpooled.wrappedBuffer(bytes)).orElseThrow().first(ChannelNumber.class).orElseThrow();
            assertThat(decoded.value()).isEqualTo(number);
            assertThat(decoded.isValid()).isFalse();
        }
        assertThat(new ChannelNumber(0x4000).isValid()).isTrue();
        assertThat(new ChannelNumber(0x4FFF).isValid()).isTrue();
    }

    @Test
    void evenPortAcceptsTheOneByteOfTheRfcAndAPaddedWord() {
        for (byte[] value : List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0x80, 0, 0, 0})) {
            byte[] bytes = stun(0x0003, attr(AttributeType.EVEN_PORT, value));
            assertThat(decoder.decode(Unpooled.wrappedBuffer(bytes)).orElseThrow().first(EvenPort.class)).contains(new EvenPort(true));
        }
    }

    @Test
    void lifetimeIsAnUnsignedThirtyTwoBitCountOfSeconds() {
        byte[] bytes = stun(0x0004, attr(AttributeType.LIFETIME, Hex.bytes("ff ff ff ff")));
        assertThat(decoder.decode(Unpooled.wrappedBuffer(bytes)).orElseThrow().first(Lifetime.class).orElseThrow().value())
                .isEqualTo(Duration.ofSeconds(4294967295L));
    }

    @Test
    void decoderLimitIsAConstructorArgument() {
        byte[] bytes = stun(0x0016, attr(AttributeType.DATA, new byte[1000]));
        assertThat(new StunDecoder(1024).decode(Unpooled.wrappedBuffer(bytes))).isInstanceOf(Decoded.class);
        assertThat(new StunDecoder(1000).decode(Unpooled.wrappedBuffer(bytes))).isEqualTo(Malformed.of(MalformedReason.TOO_LARGE));
        assertThatThrownBy(() -> new StunDecoder(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodingReadsFromTheReaderIndexAndMovesNothing() {
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(new byte[] {(byte) 0xEE, (byte) 0xEE, (byte) 0xEE});
        out.readerIndex(3);
        StunWriter.start(out, StunClass.REQUEST, StunMethod.BINDING, TX).add(new Software("x"))
                .finish(StunTrailer.messageIntegrity(KEY).withFingerprint());
        StunMessage m = decoder.decode(out).orElseThrow();
        assertThat(out.readerIndex()).isEqualTo(3);
        assertThat(StunIntegrity.verifyMessageIntegrity(out, m, KEY)).isTrue();
        assertThat(m.offsets().messageIntegrity()).isEqualTo(20 + 8);
    }

    @Test
    void looksLikeStunChecksBitsAndCookie() {
        assertThat(StunDecoder.looksLikeStun(Unpooled.wrappedBuffer(stun(0x0001)))).isTrue();
        assertThat(StunDecoder.looksLikeStun(Unpooled.wrappedBuffer(Hex.bytes("40 00 00 00 00 00 00 00")))).isFalse();
        assertThat(StunDecoder.looksLikeStun(Unpooled.wrappedBuffer(Hex.bytes("00 01 00 00 00 00 00 00")))).isFalse();
        assertThat(StunDecoder.looksLikeStun(Unpooled.EMPTY_BUFFER)).isFalse();
    }

    @Test
    void unknownMethodsStillDecodeSoTheServerCanAnswerThem() {
        byte[] bytes = stun(StunHeader.messageType(StunClass.REQUEST, StunMethod.of(0x0FF)));
        StunMessage m = decoder.decode(Unpooled.wrappedBuffer(bytes)).orElseThrow();
        assertThat(m.method()).isEqualTo(new StunMethod(0x0FF));
        assertThat(m.method().name()).isEqualTo("0x0FF");
    }

    @Test
    void manyMessagesDecodeFromPooledBuffersWithoutLeaking() {
        List<ByteBuf> buffers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
            StunWriter.start(out, StunClass.REQUEST, StunMethod.BINDING, TransactionId.random(new SecureRandom()))
                    .finish(StunTrailer.FINGERPRINT);
            assertThat(decoder.decode(out)).isInstanceOf(Decoded.class);
            buffers.add(out);
        }
        buffers.forEach(ByteBuf::release);
        assertThat(buffers).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }
}
