package io.landline.bench.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.StunWriter;
import io.landline.protocol.stun.TransactionId;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the server (or anyone) sends the generator's sockets is sorted and counted, never
 * thrown, and every datagram is released.
 */
class HostileDatagramsTest {

    private static final int MEASURED = 1;

    @Test
    void peerCountsOnlyPayloadsOfTheMeasuredEpochAndCountsGarbageAsForeign() {
        PeerReceiver peer = new PeerReceiver();
        EmbeddedChannel channel = new EmbeddedChannel(peer);
        peer.measure(MEASURED);
        List<ByteBuf> sent = new ArrayList<>();
        sent.add(payload(MEASURED, System.nanoTime()));
        sent.add(payload(MEASURED, System.nanoTime()));
        sent.add(payload(0, System.nanoTime())); // a warm-up packet arriving late
        sent.add(Unpooled.buffer()); // empty
        sent.add(Unpooled.wrappedBuffer(new byte[] {0x4C, 0x4C, 0x62})); // magic cut short
        ByteBuf shortHeader = Unpooled.buffer();
        shortHeader.writeInt(RelayPayload.MAGIC).writeInt(MEASURED << 24);
        sent.add(shortHeader); // magic, but shorter than the header
        sent.addAll(randomDatagrams(200));
        sent.forEach(channel::writeInbound);

        Tally tally = peer.snapshot();
        assertThat(tally.counted()).isEqualTo(2);
        assertThat(tally.otherEpochs()).isEqualTo(1);
        assertThat(tally.foreign()).isEqualTo(sent.size() - 3);
        assertThat(tally.latency().count()).isEqualTo(2);
        assertThat(sent).allMatch(b -> b.refCnt() == 0);
        channel.finishAndReleaseAll();
    }

    @Test
    void bindingSocketCountsSuccessAnswersOfItsEpochAndNothingElse() {
        BindingSocket socket = new BindingSocket(7, false, new BindingSocket.Phase(), false);
        EmbeddedChannel channel = new EmbeddedChannel(socket);
        socket.measure(MEASURED);
        List<ByteBuf> answers = new ArrayList<>();
        answers.add(answer(StunClass.SUCCESS_RESPONSE, MEASURED, true));
        answers.add(answer(StunClass.SUCCESS_RESPONSE, 0, true)); // answer to a warm-up request
        answers.add(answer(StunClass.SUCCESS_RESPONSE, MEASURED, false)); // no XOR-MAPPED-ADDRESS
        answers.add(answer(StunClass.ERROR_RESPONSE, MEASURED, false));
        ByteBuf truncated = answer(StunClass.SUCCESS_RESPONSE, MEASURED, true);
        truncated.writerIndex(truncated.writerIndex() - 3);
        answers.add(truncated);
        answers.addAll(randomDatagrams(200));
        answers.forEach(channel::writeInbound);

        Tally tally = socket.snapshot();
        assertThat(tally.counted()).isEqualTo(1);
        assertThat(tally.otherEpochs()).isEqualTo(1);
        assertThat(tally.foreign()).isEqualTo(answers.size() - 2);
        assertThat(answers).allMatch(b -> b.refCnt() == 0);
        channel.finishAndReleaseAll();
    }

    @Test
    void payloadCarriesEpochFlowSequenceAndSendTime() {
        ByteBuf out = Unpooled.buffer();
        RelayPayload.write(out, 200, 3, 0xABCDEF, 42, 123_456_789L);
        assertThat(out.readableBytes()).isEqualTo(200);
        assertThat(RelayPayload.isPayload(out)).isTrue();
        assertThat(RelayPayload.epoch(out)).isEqualTo(3);
        assertThat(RelayPayload.flow(out)).isEqualTo(0xABCDEF);
        assertThat(RelayPayload.sequence(out)).isEqualTo(42);
        assertThat(RelayPayload.sentNanos(out)).isEqualTo(123_456_789L);
        out.release();
    }

    private static ByteBuf payload(int epoch, long sent) {
        ByteBuf b = Unpooled.buffer();
        RelayPayload.write(b, 200, epoch, 1, 0, sent);
        return b;
    }

    private static ByteBuf answer(StunClass type, int epoch, boolean mapped) {
        ByteBuf b = Unpooled.buffer();
        StunWriter w = StunWriter.start(b, type, StunMethod.BINDING, new TransactionId(epoch << 24 | 7, System.nanoTime()));
        if (mapped) {
            w.add(new XorMappedAddress(new InetSocketAddress("127.0.0.1", 20000)));
        }
        if (type == StunClass.ERROR_RESPONSE) {
            w.add(ErrorCode.of(ErrorCode.BAD_REQUEST));
        }
        w.finish(StunTrailer.FINGERPRINT);
        return b;
    }

    /** Random bytes of random lengths, some starting like STUN (two zero bits, the magic cookie). */
    private static List<ByteBuf> randomDatagrams(int count) {
        Random random = new Random(20261124);
        List<ByteBuf> datagrams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[1 + random.nextInt(120)]; // an empty wrap would be the shared EMPTY_BUFFER
            random.nextBytes(bytes);
            if (bytes.length >= 8 && i % 2 == 0) {
                bytes[0] &= 0x3F;
                bytes[4] = 0x21;
                bytes[5] = 0x12;
                bytes[6] = (byte) 0xA4;
                bytes[7] = 0x42;
            }
            datagrams.add(Unpooled.wrappedBuffer(bytes));
        }
        return datagrams;
    }
}
