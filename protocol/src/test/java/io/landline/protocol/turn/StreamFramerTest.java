package io.landline.protocol.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.stun.Hex;
import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunDecoder;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.StunWriter;
import io.landline.protocol.stun.TransactionId;
import io.landline.protocol.stun.attribute.Lifetime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFramerTest {

    private final StreamFramer framer = new StreamFramer();

    /** A Refresh request, a 5-byte ChannelData padded to 8, an empty ChannelData, the Refresh again. */
    static byte[] mixedStream() {
        ByteBuf s = Unpooled.buffer();
        StunWriter.start(s, StunClass.REQUEST, StunMethod.REFRESH, TransactionId.random(new SecureRandom()))
                .add(Lifetime.ofSeconds(600)).finish(StunTrailer.FINGERPRINT);
        byte[] refresh = Hex.toArray(s);
        ChannelDataCodec.encode(0x4001, Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5}), true, s);
        ChannelDataCodec.encode(0x4002, Unpooled.EMPTY_BUFFER, true, s);
        s.writeBytes(refresh);
        return Hex.toArray(s);
    }

    @Test
    void splitsAMixedStreamFedOneByteAtATime() {
        byte[] stream = mixedStream();
        ByteBuf cumulation = PooledByteBufAllocator.DEFAULT.directBuffer();
        List<Framing.Frame> frames = new ArrayList<>();
        try {
            for (byte b : stream) {
                cumulation.writeByte(b);
                Framing f;
                while ((f = framer.next(cumulation)) instanceof Framing.Frame frame) {
                    frames.add(frame);
                }
                assertThat(f).isSameAs(Framing.NeedMore.INSTANCE);
            }
            assertThat(cumulation.readableBytes()).isZero();
            assertThat(frames).extracting(Framing.Frame::kind).containsExactly(
                    PacketKind.STUN, PacketKind.CHANNEL_DATA, PacketKind.CHANNEL_DATA, PacketKind.STUN);
            assertThat(frames).extracting(fr -> fr.content().readableBytes()).containsExactly(36, 12, 4, 36);
            // the frames go to the same decoders a datagram goes to
            StunDecoder decoder = new StunDecoder();
            StunMessage first = decoder.decode(frames.get(0).content()).orElseThrow();
            assertThat(first.first(Lifetime.class)).contains(Lifetime.ofSeconds(600));
            assertThat(ChannelDataCodec.decode(frames.get(1).content()).orElseThrow().data().readableBytes()).isEqualTo(5);
            assertThat(ChannelDataCodec.decode(frames.get(2).content()).orElseThrow().channelNumber()).isEqualTo(0x4002);
        } finally {
            frames.forEach(fr -> fr.content().release());
            cumulation.release();
        }
        assertThat(cumulation.refCnt()).as("every frame released its retain").isZero();
    }

    @Test
    void aFrameIsARetainedSliceTheCallerOwns() {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(Hex.bytes("40 00 00 01 aa 00 00 00"));
        Framing.Frame frame = (Framing.Frame) framer.next(in);
        assertThat(in.refCnt()).isEqualTo(2);
        in.release();
        assertThat(frame.content().getByte(4)).isEqualTo((byte) 0xaa);
        frame.content().release();
        assertThat(in.refCnt()).isZero();
    }

    @Test
    void fewerThanFourBytesOrAPartialFrameConsumeNothing() {
        ByteBuf in = Unpooled.wrappedBuffer(Hex.bytes("00 01 00 08 21 12 a4 42"));
        assertThat(framer.next(in.slice(0, 3))).isSameAs(Framing.NeedMore.INSTANCE);
        assertThat(framer.next(in)).isSameAs(Framing.NeedMore.INSTANCE);
        assertThat(in.readerIndex()).isZero();
    }

    @Test
    void rfc5766ChannelsAreFramedOnlyUnderThatRange() {
        byte[] legacy = Hex.bytes("50 00 00 01 aa 00 00 00");
        assertThat(framer.next(Unpooled.wrappedBuffer(legacy))).isInstanceOf(Framing.Invalid.class);
        StreamFramer old = new StreamFramer(StreamFramer.DEFAULT_MAX_STUN_MESSAGE_SIZE,
                StreamFramer.DEFAULT_MAX_CHANNEL_DATA_LENGTH, ChannelRange.RFC_5766);
        Framing.Frame frame = (Framing.Frame) old.next(Unpooled.wrappedBuffer(legacy));
        assertThat(frame.kind()).isEqualTo(PacketKind.CHANNEL_DATA);
        assertThat(frame.content().readableBytes()).isEqualTo(8);
        frame.content().release();
    }

    @Test
    void limitsAreConstructorArguments() {
        StreamFramer small = new StreamFramer(64, 16);
        ByteBuf stun = Unpooled.wrappedBuffer(Hex.bytes("00 01 00 30"));
        assertThat(small.next(stun)).isEqualTo(new Framing.Invalid(io.landline.protocol.stun.MalformedReason.TOO_LARGE));
        assertThat(small.next(Unpooled.wrappedBuffer(Hex.bytes("40 00 00 10")))).isSameAs(Framing.NeedMore.INSTANCE);
        assertThat(small.next(Unpooled.wrappedBuffer(Hex.bytes("40 00 00 11")))).isInstanceOf(Framing.Invalid.class);
    }
}
