package io.landline.protocol.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.protocol.stun.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChannelDataCodecTest {

    @Test
    void unpaddedFrameForUdpHasFourByteHeaderAndTheData() {
        ByteBuf out = Unpooled.buffer();
        int n = ChannelDataCodec.encode(0x4001, Unpooled.wrappedBuffer("hello".getBytes(StandardCharsets.US_ASCII)), false, out);
        assertThat(n).isEqualTo(9);
        assertThat(Hex.toArray(out)).isEqualTo(Hex.bytes("40 01 00 05 68 65 6c 6c 6f"));
    }

    @Test
    void paddedFrameForStreamsRoundsUpToFourWithZeros() {
        ByteBuf out = Unpooled.buffer();
        int n = ChannelDataCodec.encode(0x4FFF, Unpooled.wrappedBuffer("hello".getBytes(StandardCharsets.US_ASCII)), true, out);
        assertThat(n).isEqualTo(12);
        assertThat(Hex.toArray(out)).isEqualTo(Hex.bytes("4f ff 00 05 68 65 6c 6c 6f 00 00 00"));
    }

    @Test
    void decodeReturnsASliceOfTheFrameWithoutCopyingOrRetaining() {
        ByteBuf frame = Hex.pooled(Hex.bytes("40 00 00 05 68 65 6c 6c 6f 00 00 00"));
        try {
            ChannelData cd = ChannelDataCodec.decode(frame).orElseThrow();
            assertThat(cd.channelNumber()).isEqualTo(0x4000);
            assertThat(cd.data().toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(frame.refCnt()).isEqualTo(1);
            frame.setByte(4, 'j');
            assertThat(cd.data().toString(StandardCharsets.US_ASCII)).isEqualTo("jello");
            ByteBuf kept = cd.data().retainedDuplicate();
            frame.release();
            assertThat(kept.toString(StandardCharsets.US_ASCII)).as("retained beyond the frame").isEqualTo("jello");
            kept.release();
        } finally {
            if (frame.refCnt() > 0) {
                frame.release();
            }
        }
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void emptyDataIsAValidFrame() {
        ChannelData cd = ChannelDataCodec.decode(Unpooled.wrappedBuffer(Hex.bytes("40 02 00 00"))).orElseThrow();
        assertThat(cd.data().readableBytes()).isZero();
    }

    @Test
    void encodeRefusesAChannelOutsideEvenTheRfc5766Range() {
        assertThatThrownBy(() -> ChannelDataCodec.encodeHeader(0x3FFF, 1, Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelData(0x8000, Unpooled.EMPTY_BUFFER)).isInstanceOf(IllegalArgumentException.class);
        ChannelDataCodec.encodeHeader(0x7FFF, 0, Unpooled.buffer());
    }

    @Test
    void rfc5766ChannelsDecodeOnlyWhenTheCallerTakesThatRange() {
        ByteBuf frame = Unpooled.wrappedBuffer(Hex.bytes("7f ff 00 01 aa"));
        assertThat(ChannelDataCodec.decode(frame))
                .isEqualTo(io.landline.protocol.stun.Malformed.of(io.landline.protocol.stun.MalformedReason.CHANNEL_NUMBER_OUT_OF_RANGE));
        assertThat(ChannelDataCodec.decode(frame, ChannelRange.RFC_5766).orElseThrow().channelNumber()).isEqualTo(0x7FFF);
        assertThat(ChannelRange.RFC_8656.coversFirstByte(0x50)).isFalse();
        assertThat(ChannelRange.RFC_5766.coversFirstByte(0x7F)).isTrue();
        assertThat(ChannelRange.RFC_5766.coversFirstByte(0x80)).isFalse();
    }

    @Test
    void roundTripThroughPooledBuffersLeavesNoReference() {
        ByteBuf payload = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(new byte[1200]);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            ChannelDataCodec.encode(0x4321, payload, true, out);
            ChannelData cd = ChannelDataCodec.decode(out).orElseThrow();
            assertThat(cd.data()).isEqualTo(payload);
        } finally {
            payload.release();
            out.release();
        }
        assertThat(payload.refCnt()).isZero();
        assertThat(out.refCnt()).isZero();
    }
}
