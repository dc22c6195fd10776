package io.landline.protocol.stun;

import static io.landline.protocol.stun.MalformedReason.ATTRIBUTE_AFTER_FINGERPRINT;
import static io.landline.protocol.stun.MalformedReason.ATTRIBUTE_TRUNCATED;
import static io.landline.protocol.stun.MalformedReason.BAD_ADDRESS_FAMILY;
import static io.landline.protocol.stun.MalformedReason.BAD_ATTRIBUTE_LENGTH;
import static io.landline.protocol.stun.MalformedReason.BAD_FINGERPRINT;
import static io.landline.protocol.stun.MalformedReason.BAD_MAGIC_COOKIE;
import static io.landline.protocol.stun.MalformedReason.BAD_UTF8;
import static io.landline.protocol.stun.MalformedReason.CHANNEL_DATA_TRUNCATED;
import static io.landline.protocol.stun.MalformedReason.CHANNEL_NUMBER_OUT_OF_RANGE;
import static io.landline.protocol.stun.MalformedReason.DUPLICATE_ATTRIBUTE;
import static io.landline.protocol.stun.MalformedReason.EMPTY;
import static io.landline.protocol.stun.MalformedReason.ERROR_CODE_OUT_OF_RANGE;
import static io.landline.protocol.stun.MalformedReason.LENGTH_MISMATCH;
import static io.landline.protocol.stun.MalformedReason.LENGTH_NOT_MULTIPLE_OF_4;
import static io.landline.protocol.stun.MalformedReason.NOT_STUN;
import static io.landline.protocol.stun.MalformedReason.NOT_STUN_OR_CHANNEL_DATA;
import static io.landline.protocol.stun.MalformedReason.TOO_LARGE;
import static io.landline.protocol.stun.MalformedReason.TRUNCATED_HEADER;
import static io.landline.protocol.stun.MalformedReason.VALUE_TOO_LONG;
import static io.landline.protocol.stun.Raw.attr;
import static io.landline.protocol.stun.Raw.attrWithLength;
import static io.landline.protocol.stun.Raw.concat;
import static io.landline.protocol.stun.Raw.filled;
import static io.landline.protocol.stun.Raw.header;
import static io.landline.protocol.stun.Raw.stun;
import static io.landline.protocol.stun.Raw.stunWithLength;
import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.stun.attribute.AttributeType;
import io.landline.protocol.turn.ChannelDataCodec;
import io.landline.protocol.turn.ChannelRange;
import io.landline.protocol.turn.Framing;
import io.landline.protocol.turn.StreamFramer;
import io.netty.buffer.ByteBuf;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Named hostile inputs for each decoder of the package: every one yields its typed reason,
 * none throws, and the buffer fed in is left as it was (indexes and reference count).
 */
class HostileStunInputTest {

    static final int BINDING_REQUEST = 0x0001;
    static final int ALLOCATE_REQUEST = 0x0003;
    static final int BINDING_SUCCESS = 0x0101;

    /** Which decoder a case is fed to. */
    enum Target { STUN, CHANNEL_DATA, CHANNEL_DATA_RFC_5766, STREAM }

    record Case(String name, Target target, byte[] bytes, MalformedReason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Reasons found in the header: the bytes are not a STUN message to answer. */
    static final Set<MalformedReason> HEADER_LEVEL = EnumSet.of(EMPTY, TRUNCATED_HEADER, NOT_STUN, BAD_MAGIC_COOKIE,
            LENGTH_NOT_MULTIPLE_OF_4, LENGTH_MISMATCH, TOO_LARGE, BAD_FINGERPRINT, ATTRIBUTE_AFTER_FINGERPRINT);

    static Case stunCase(String name, byte[] bytes, MalformedReason expected) {
        return new Case(name, Target.STUN, bytes, expected);
    }

    static byte[] ipv4(int family) {
        return Hex.bytes("00 " + String.format("%02x", family) + " 12 34 c0 00 02 01");
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] errorCode(int cls, int number) {
        return concat(new byte[] {0, 0, (byte) cls, (byte) number}, "Oops".getBytes());
    }

    /** A Binding request with SOFTWARE and a correct FINGERPRINT, written by our encoder. */
    static byte[] fingerprinted() {
        ByteBuf out = io.netty.buffer.Unpooled.buffer();
        StunWriter.start(out, StunClass.REQUEST, StunMethod.BINDING, TransactionId.of(Raw.TRANSACTION))
                .add(new io.landline.protocol.stun.attribute.Software("x")).finish(StunTrailer.FINGERPRINT);
        return Hex.toArray(out);
    }

    static Stream<Case> cases() {
        byte[] fp = fingerprinted();
        byte[] badFp = fp.clone();
        badFp[badFp.length - 1] ^= 1;
        byte[] afterFp = concat(fp, attr(AttributeType.SOFTWARE, "y".getBytes()));
        afterFp[3] = (byte) (afterFp.length - 20);
        byte[] twoFp = concat(fp, attr(AttributeType.FINGERPRINT, new byte[4]));
        twoFp[3] = (byte) (twoFp.length - 20);
        byte[] wrongCookie = stun(BINDING_REQUEST);
        wrongCookie[5] = 0x13;
        byte[] rfc3489 = stun(BINDING_REQUEST);
        rfc3489[4] = rfc3489[5] = rfc3489[6] = rfc3489[7] = 0;
        byte[] garbage = new byte[64];
        new Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xC7;

        return Stream.of(
                // the header (RFC 8489 §5)
                stunCase("empty datagram", new byte[0], EMPTY),
                stunCase("one byte", new byte[] {0}, TRUNCATED_HEADER),
                stunCase("header cut at 19 bytes", java.util.Arrays.copyOf(stun(BINDING_REQUEST), 19), TRUNCATED_HEADER),
                stunCase("first bits 10 (RTP)", concat(new byte[] {(byte) 0x80, 0}, filled(18, 0)), NOT_STUN),
                stunCase("first bits 01 (ChannelData)", concat(new byte[] {0x40, 0}, filled(18, 0)), NOT_STUN),
                stunCase("random garbage", garbage, NOT_STUN),
                stunCase("wrong magic cookie", wrongCookie, BAD_MAGIC_COOKIE),
                stunCase("RFC 3489 message without cookie", rfc3489, BAD_MAGIC_COOKIE),
                stunCase("length not a multiple of 4", stunWithLength(BINDING_REQUEST, 3, new byte[3]), LENGTH_NOT_MULTIPLE_OF_4),
                stunCase("length past the end of the datagram", stunWithLength(BINDING_REQUEST, 8, new byte[4]), LENGTH_MISMATCH),
                stunCase("trailing bytes after the message", concat(stun(BINDING_REQUEST), new byte[4]), LENGTH_MISMATCH),
                stunCase("oversized message", stun(BINDING_REQUEST, attr(AttributeType.DATA, new byte[9000])), TOO_LARGE),
                stunCase("length field of 65532", stunWithLength(BINDING_REQUEST, 65532), TOO_LARGE),
                // attribute framing (§14)
                stunCase("attribute running past the end", stunWithLength(BINDING_REQUEST, 8,
                        attrWithLength(AttributeType.SOFTWARE, 12, new byte[4], 0)), ATTRIBUTE_TRUNCATED),
                stunCase("attribute length 65535", stunWithLength(BINDING_REQUEST, 8,
                        attrWithLength(AttributeType.SOFTWARE, 0xFFFF, new byte[4], 0)), ATTRIBUTE_TRUNCATED),
                stunCase("attribute padding missing", stunWithLength(BINDING_REQUEST, 8,
                        attrWithLength(AttributeType.SOFTWARE, 5, new byte[4], 0)), ATTRIBUTE_TRUNCATED),
                // addresses (§14.1, §14.2)
                stunCase("XOR-MAPPED-ADDRESS family 3", stun(BINDING_SUCCESS, attr(AttributeType.XOR_MAPPED_ADDRESS, ipv4(3))),
                        BAD_ADDRESS_FAMILY),
                stunCase("XOR-PEER-ADDRESS family 0", stun(0x0008, attr(AttributeType.XOR_PEER_ADDRESS, ipv4(0))), BAD_ADDRESS_FAMILY),
                stunCase("MAPPED-ADDRESS of 3 bytes", stun(BINDING_SUCCESS, attr(AttributeType.MAPPED_ADDRESS, new byte[] {0, 1, 0})),
                        BAD_ATTRIBUTE_LENGTH),
                stunCase("IPv4 XOR-RELAYED-ADDRESS with 16 address bytes", stun(0x0103,
                        attr(AttributeType.XOR_RELAYED_ADDRESS, concat(new byte[] {0, 1, 0, 1}, new byte[16]))), BAD_ATTRIBUTE_LENGTH),
                stunCase("IPv6 ALTERNATE-SERVER with 4 address bytes", stun(0x0113,
                        attr(AttributeType.ALTERNATE_SERVER, concat(new byte[] {0, 2, 0, 1}, new byte[4]))), BAD_ATTRIBUTE_LENGTH),
                // ERROR-CODE (§14.8)
                stunCase("ERROR-CODE class 7", stun(0x0111, attr(AttributeType.ERROR_CODE, errorCode(7, 0))), ERROR_CODE_OUT_OF_RANGE),
                stunCase("ERROR-CODE class 2", stun(0x0111, attr(AttributeType.ERROR_CODE, errorCode(2, 0))), ERROR_CODE_OUT_OF_RANGE),
                stunCase("ERROR-CODE number 100", stun(0x0111, attr(AttributeType.ERROR_CODE, errorCode(4, 100))), ERROR_CODE_OUT_OF_RANGE),
                stunCase("ERROR-CODE of 2 bytes", stun(0x0111, attr(AttributeType.ERROR_CODE, new byte[2])), BAD_ATTRIBUTE_LENGTH),
                stunCase("ERROR-CODE reason not UTF-8", stun(0x0111, attr(AttributeType.ERROR_CODE,
                        concat(new byte[] {0, 0, 4, 0}, new byte[] {(byte) 0xFF}))), BAD_UTF8),
                // FINGERPRINT and integrity (§14.5–§14.7)
                stunCase("FINGERPRINT with a wrong CRC", badFp, BAD_FINGERPRINT),
                stunCase("FINGERPRINT of 8 bytes", stun(BINDING_REQUEST, attr(AttributeType.FINGERPRINT, new byte[8])),
                        BAD_ATTRIBUTE_LENGTH),
                stunCase("attribute after FINGERPRINT", afterFp, ATTRIBUTE_AFTER_FINGERPRINT),
                stunCase("two FINGERPRINTs", twoFp, ATTRIBUTE_AFTER_FINGERPRINT),
                stunCase("MESSAGE-INTEGRITY of 16 bytes", stun(BINDING_REQUEST, attr(AttributeType.MESSAGE_INTEGRITY, new byte[16])),
                        BAD_ATTRIBUTE_LENGTH),
                stunCase("MESSAGE-INTEGRITY-SHA256 of 12 bytes", stun(BINDING_REQUEST,
                        attr(AttributeType.MESSAGE_INTEGRITY_SHA256, new byte[12])), BAD_ATTRIBUTE_LENGTH),
                stunCase("MESSAGE-INTEGRITY-SHA256 of 18 bytes", stun(BINDING_REQUEST,
                        attr(AttributeType.MESSAGE_INTEGRITY_SHA256, new byte[18])), BAD_ATTRIBUTE_LENGTH),
                stunCase("USERHASH of 16 bytes", stun(BINDING_REQUEST, attr(AttributeType.USERHASH, new byte[16])), BAD_ATTRIBUTE_LENGTH),
                // text (§14.3, §14.9, §14.10)
                stunCase("USERNAME with an invalid UTF-8 sequence", stun(BINDING_REQUEST,
                        attr(AttributeType.USERNAME, new byte[] {(byte) 0xC3, 0x28})), BAD_UTF8),
                stunCase("USERNAME with an overlong '/'", stun(BINDING_REQUEST,
                        attr(AttributeType.USERNAME, new byte[] {(byte) 0xC0, (byte) 0xAF})), BAD_UTF8),
                stunCase("REALM with a UTF-16 surrogate", stun(BINDING_REQUEST,
                        attr(AttributeType.REALM, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})), BAD_UTF8),
                stunCase("NONCE cut inside a character", stun(BINDING_REQUEST,
                        attr(AttributeType.NONCE, new byte[] {'a', (byte) 0xE3, (byte) 0x83})), BAD_UTF8),
                stunCase("USERNAME of 514 bytes", stun(BINDING_REQUEST, attr(AttributeType.USERNAME, filled(514, 'u'))), VALUE_TOO_LONG),
                stunCase("NONCE of 764 bytes", stun(BINDING_REQUEST, attr(AttributeType.NONCE, filled(764, 'n'))), VALUE_TOO_LONG),
                // duplicates that would let two readers disagree
                stunCase("two USERNAMEs", stun(ALLOCATE_REQUEST, attr(AttributeType.USERNAME, "a".getBytes()),
                        attr(AttributeType.USERNAME, "b".getBytes())), DUPLICATE_ATTRIBUTE),
                stunCase("two LIFETIMEs", stun(0x0004, attr(AttributeType.LIFETIME, u32(600)), attr(AttributeType.LIFETIME, u32(0))),
                        DUPLICATE_ATTRIBUTE),
                stunCase("two REQUESTED-TRANSPORTs", stun(ALLOCATE_REQUEST, attr(AttributeType.REQUESTED_TRANSPORT, u32(17L << 24)),
                        attr(AttributeType.REQUESTED_TRANSPORT, u32(6L << 24))), DUPLICATE_ATTRIBUTE),
                // TURN attributes (RFC 8656 §18)
                stunCase("CHANNEL-NUMBER of 2 bytes", stun(0x0009, attr(AttributeType.CHANNEL_NUMBER, new byte[] {0x40, 0})),
                        BAD_ATTRIBUTE_LENGTH),
                stunCase("LIFETIME of 2 bytes", stun(0x0004, attr(AttributeType.LIFETIME, new byte[2])), BAD_ATTRIBUTE_LENGTH),
                stunCase("REQUESTED-TRANSPORT of 1 byte", stun(ALLOCATE_REQUEST, attr(AttributeType.REQUESTED_TRANSPORT, new byte[] {17})),
                        BAD_ATTRIBUTE_LENGTH),
                stunCase("DONT-FRAGMENT with a value", stun(ALLOCATE_REQUEST, attr(AttributeType.DONT_FRAGMENT, new byte[4])),
                        BAD_ATTRIBUTE_LENGTH),
                stunCase("EVEN-PORT of 2 bytes", stun(ALLOCATE_REQUEST, attr(AttributeType.EVEN_PORT, new byte[2])), BAD_ATTRIBUTE_LENGTH),
                stunCase("RESERVATION-TOKEN of 4 bytes", stun(ALLOCATE_REQUEST, attr(AttributeType.RESERVATION_TOKEN, new byte[4])),
                        BAD_ATTRIBUTE_LENGTH),
                stunCase("ICMP of 4 bytes", stun(0x0017, attr(AttributeType.ICMP, new byte[4])), BAD_ATTRIBUTE_LENGTH),
                stunCase("UNKNOWN-ATTRIBUTES of odd length", stun(0x0111, attr(AttributeType.UNKNOWN_ATTRIBUTES, new byte[3])),
                        BAD_ATTRIBUTE_LENGTH),
                stunCase("PASSWORD-ALGORITHM of 2 bytes", stun(BINDING_REQUEST, attr(AttributeType.PASSWORD_ALGORITHM, new byte[2])),
                        BAD_ATTRIBUTE_LENGTH),
                stunCase("PASSWORD-ALGORITHMS parameters past the end", stun(0x0111,
                        attr(AttributeType.PASSWORD_ALGORITHMS, Hex.bytes("00 01 00 08 00 00 00 00"))), BAD_ATTRIBUTE_LENGTH),
                stunCase("PRIORITY of 8 bytes", stun(BINDING_REQUEST, attr(AttributeType.PRIORITY, new byte[8])), BAD_ATTRIBUTE_LENGTH),
                stunCase("ICE-CONTROLLING of 4 bytes", stun(BINDING_REQUEST, attr(AttributeType.ICE_CONTROLLING, new byte[4])),
                        BAD_ATTRIBUTE_LENGTH),
                // ChannelData (RFC 8656 §12.4, §12.5)
                new Case("ChannelData: empty datagram", Target.CHANNEL_DATA, new byte[0], EMPTY),
                new Case("ChannelData: 3 bytes", Target.CHANNEL_DATA, new byte[] {0x40, 0, 0}, CHANNEL_DATA_TRUNCATED),
                new Case("ChannelData: channel 0x3FFF", Target.CHANNEL_DATA, Hex.bytes("3f ff 00 00"), CHANNEL_NUMBER_OUT_OF_RANGE),
                new Case("ChannelData: channel 0x5000", Target.CHANNEL_DATA, Hex.bytes("50 00 00 00"), CHANNEL_NUMBER_OUT_OF_RANGE),
                new Case("ChannelData: length past the end", Target.CHANNEL_DATA, Hex.bytes("40 00 00 08 01 02 03 04"),
                        CHANNEL_DATA_TRUNCATED),
                new Case("ChannelData: more than padding after the data", Target.CHANNEL_DATA,
                        Hex.bytes("40 00 00 01 aa 00 00 00 00"), MalformedReason.LENGTH_MISMATCH),
                new Case("ChannelData: a STUN message", Target.CHANNEL_DATA, stun(BINDING_REQUEST), CHANNEL_NUMBER_OUT_OF_RANGE),
                new Case("ChannelData: channel 0x8000, past even RFC 5766", Target.CHANNEL_DATA_RFC_5766, Hex.bytes("80 00 00 00"),
                        CHANNEL_NUMBER_OUT_OF_RANGE),
                // stream framing (RFC 8656 §12.5)
                new Case("stream: RTP on a TURN stream", Target.STREAM, Hex.bytes("80 00 00 00 00 00 00 00"), NOT_STUN_OR_CHANNEL_DATA),
                new Case("stream: reserved channel range", Target.STREAM, Hex.bytes("50 00 00 04 00 00 00 00"), NOT_STUN_OR_CHANNEL_DATA),
                new Case("stream: TLS record on the plain port", Target.STREAM, Hex.bytes("16 03 02 03 01 00 00 00"),
                        LENGTH_NOT_MULTIPLE_OF_4),
                new Case("stream: STUN length not a multiple of 4", Target.STREAM, header(BINDING_REQUEST, 2), LENGTH_NOT_MULTIPLE_OF_4),
                new Case("stream: STUN message over the limit", Target.STREAM, header(BINDING_REQUEST, 9000), TOO_LARGE),
                new Case("stream: ChannelData over the limit", Target.STREAM, Hex.bytes("40 00 04 00"), TOO_LARGE));
    }

    private final StunDecoder decoder = new StunDecoder();
    private final StreamFramer framer = new StreamFramer(StreamFramer.DEFAULT_MAX_STUN_MESSAGE_SIZE, 1000);

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInputYieldsItsTypedReasonWithoutThrowing(Case c) {
        ByteBuf buf = Hex.pooled(c.bytes());
        int readerIndex = buf.readerIndex();
        try {
            MalformedReason reason = switch (c.target()) {
                case STUN -> malformed(decoder.decode(buf));
                case CHANNEL_DATA -> malformed(ChannelDataCodec.decode(buf));
                case CHANNEL_DATA_RFC_5766 -> malformed(ChannelDataCodec.decode(buf, ChannelRange.RFC_5766));
                case STREAM -> {
                    Framing f = framer.next(buf);
                    assertThat(f).isInstanceOf(Framing.Invalid.class);
                    yield ((Framing.Invalid) f).reason();
                }
            };
            assertThat(reason).isEqualTo(c.expected());
            assertThat(buf.readerIndex()).as("nothing consumed").isEqualTo(readerIndex);
            assertThat(buf.refCnt()).isEqualTo(1);
        } finally {
            buf.release();
        }
        assertThat(buf.refCnt()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyABodyErrorCarriesTheHeaderThatA400Needs(Case c) {
        if (c.target() != Target.STUN) {
            return;
        }
        ByteBuf buf = Hex.pooled(c.bytes());
        try {
            Malformed<StunMessage> m = (Malformed<StunMessage>) decoder.decode(buf);
            assertThat(m.header().isPresent()).isEqualTo(!HEADER_LEVEL.contains(c.expected()));
            m.header().ifPresent(h -> assertThat(h.transactionId()).isEqualTo(TransactionId.of(Raw.TRANSACTION)));
        } finally {
            buf.release();
        }
    }

    @Test
    void theTableHasAtLeastFortyNamedCasesAndCoversEveryReason() {
        List<Case> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        assertThat(all.stream().map(Case::name).distinct()).hasSameSizeAs(all);
        assertThat(all.stream().map(Case::expected).distinct()).containsExactlyInAnyOrder(MalformedReason.values());
    }

    @Test
    void aMalformedAllocateRequestDeservesABadRequest() {
        ByteBuf buf = Hex.pooled(stun(ALLOCATE_REQUEST, attr(AttributeType.LIFETIME, new byte[2])));
        try {
            Malformed<StunMessage> m = (Malformed<StunMessage>) decoder.decode(buf);
            assertThat(m.deservesBadRequest()).isTrue();
            assertThat(m.header().orElseThrow().method()).isEqualTo(StunMethod.ALLOCATE);
        } finally {
            buf.release();
        }
    }

    @Test
    void aMalformedIndicationOrResponseIsDroppedNotAnswered() {
        for (int type : new int[] {0x0016, 0x0101, 0x0111}) {
            ByteBuf buf = Hex.pooled(stun(type, attr(AttributeType.LIFETIME, new byte[2])));
            try {
                assertThat(((Malformed<StunMessage>) decoder.decode(buf)).deservesBadRequest()).isFalse();
            } finally {
                buf.release();
            }
        }
    }

    private static <T> MalformedReason malformed(DecodeResult<T> result) {
        assertThat(result).isInstanceOf(Malformed.class);
        return ((Malformed<T>) result).reason();
    }
}
