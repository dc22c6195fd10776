package io.landline.protocol.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.stun.attribute.AttributeType;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.landline.protocol.turn.ChannelDataCodec;
import io.landline.protocol.turn.Framing;
import io.landline.protocol.turn.PacketKind;
import io.landline.protocol.turn.StreamFramer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated bytes through every decoder: nothing throws, nothing leaks, and whatever
 * decodes re-encodes to the same attributes.
 */
class CodecPropertiesTest {

    private static final byte[] KEY = StunKeys.longTermMd5("alice", "landline", "secret");
    private final StunDecoder decoder = new StunDecoder();
    private final StreamFramer framer = new StreamFramer();

    @Property(tries = 1000)
    void randomBytesNeverThrowNorLeak(@ForAll @Size(max = 160) byte[] bytes) {
        feedEverywhere(bytes);
    }

    @Property(tries = 1000)
    void aSoundHeaderOverRandomAttributesNeverThrowsNorLeaks(@ForAll @IntRange(max = 0x3FFF) int type,
                                                            @ForAll("attributeSoup") byte[] body) {
        feedEverywhere(Raw.concat(Raw.header(type, body.length), body));
    }

    @Property(tries = 1000)
    void mutatedValidMessagesNeverThrowNorLeak(@ForAll("validMessage") byte[] valid, @ForAll int position,
                                              @ForAll byte xor, @ForAll @IntRange(max = 200) int cut) {
        byte[] mutated = valid.clone();
        mutated[Math.floorMod(position, mutated.length)] ^= xor;
        feedEverywhere(mutated);
        feedEverywhere(java.util.Arrays.copyOf(valid, Math.min(valid.length, cut)));
    }

    @Provide
    Arbitrary<byte[]> attributeSoup() {
        Arbitrary<Integer> known = Arbitraries.of(AttributeType.USERNAME, AttributeType.XOR_PEER_ADDRESS, AttributeType.ERROR_CODE,
                AttributeType.MESSAGE_INTEGRITY, AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.FINGERPRINT,
                AttributeType.PASSWORD_ALGORITHMS, AttributeType.CHANNEL_NUMBER, AttributeType.LIFETIME, AttributeType.DATA,
                AttributeType.EVEN_PORT, AttributeType.UNKNOWN_ATTRIBUTES, AttributeType.ADDRESS_ERROR_CODE, AttributeType.ICMP,
                AttributeType.XOR_MAPPED_ADDRESS, AttributeType.REALM, 0x7FFF, 0xC001);
        Arbitrary<byte[]> attribute = Arbitraries.oneOf(known, Arbitraries.integers().between(0, 0xFFFF))
                .flatMap(t -> Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(v -> Raw.attr(t, v)));
        return attribute.list().ofMaxSize(8).map(list -> Raw.concat(list.toArray(byte[][]::new)));
    }

    @Provide
    Arbitrary<byte[]> validMessage() {
        return Arbitraries.of(StunCodecTest.everyAttribute()).list().ofMinSize(0).ofMaxSize(6)
                .flatMap(attrs -> Arbitraries.of(StunTrailer.NONE, StunTrailer.FINGERPRINT,
                        StunTrailer.messageIntegrity(KEY).withFingerprint(),
                        StunTrailer.messageIntegrity(KEY).withMessageIntegritySha256(KEY))
                        .map(trailer -> encode(attrs, trailer)));
    }

    private static byte[] encode(List<StunAttribute> attributes, StunTrailer trailer) {
        ByteBuf out = io.netty.buffer.Unpooled.buffer();
        StunWriter.start(out, StunClass.REQUEST, StunMethod.ALLOCATE, StunCodecTest.TX).addAll(attributes).finish(trailer);
        return Hex.toArray(out);
    }

    private void feedEverywhere(byte[] bytes) {
        ByteBuf buf = Hex.pooled(bytes);
        try {
            PacketKind.ofFirstByte(bytes.length == 0 ? 0 : bytes[0]);
            DecodeResult<StunMessage> stun = decoder.decode(buf);
            if (stun instanceof Decoded<StunMessage> d) {
                StunIntegrity.verifyMessageIntegrity(buf, d.value(), KEY);
                StunIntegrity.verifyMessageIntegritySha256(buf, d.value(), KEY);
                reencodesToTheSameAttributes(d.value());
            }
            ChannelDataCodec.decode(buf);
            ByteBuf stream = buf.retainedDuplicate();
            try {
                Framing f;
                while ((f = framer.next(stream)) instanceof Framing.Frame frame) {
                    frame.content().release();
                }
            } finally {
                stream.release();
            }
            assertThat(buf.refCnt()).isEqualTo(1);
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
        assertThat(buf.refCnt()).isZero();
    }

    private void reencodesToTheSameAttributes(StunMessage m) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            StunWriter.encode(m, StunTrailer.NONE, out);
            StunMessage again = decoder.decode(out).orElseThrow();
            assertThat(again.attributes()).containsExactlyElementsOf(m.attributes().stream()
                    .filter(a -> a.type() != AttributeType.MESSAGE_INTEGRITY && a.type() != AttributeType.MESSAGE_INTEGRITY_SHA256
                            && a.type() != AttributeType.FINGERPRINT)
                    .toList());
            assertThat(again.transactionId()).isEqualTo(m.transactionId());
        } finally {
            out.release();
        }
    }
}
