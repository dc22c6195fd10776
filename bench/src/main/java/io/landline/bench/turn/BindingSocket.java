package io.landline.bench.turn;

import io.landline.protocol.stun.DecodeResult;
import io.landline.protocol.stun.Decoded;
import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunDecoder;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.StunWriter;
import io.landline.protocol.stun.TransactionId;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.netty.buffer.ByteBuf;

/**
 * A socket that sends Binding requests (RFC 8489 §3.2) and counts the success answers that
 * carry XOR-MAPPED-ADDRESS. The transaction ID carries what the answer must bring back: the
 * first 32 bits the epoch and socket number, the last 64 the send time (System.nanoTime), so no
 * table of outstanding requests is kept. The receiving side of a closed loop sends the next
 * request on each answer.
 */
final class BindingSocket extends MeasuringHandler implements Sender {

    private final StunDecoder decoder = new StunDecoder();
    private final int index;
    private final StunTrailer trailer;
    private final Phase phase;
    private final boolean closedLoop;
    private long sent;

    /** The state a closed loop reads on each answer: the current epoch, and whether to go on. */
    static final class Phase {
        volatile int epoch;
        volatile boolean running = true;
    }

    BindingSocket(int index, boolean fingerprint, Phase phase, boolean closedLoop) {
        this.index = index & 0xFFFFFF;
        this.trailer = fingerprint ? StunTrailer.FINGERPRINT : StunTrailer.NONE;
        this.phase = phase;
        this.closedLoop = closedLoop;
    }

    @Override
    public void send(int epoch) {
        ByteBuf out = channel().alloc().directBuffer(28);
        StunWriter.start(out, StunClass.REQUEST, StunMethod.BINDING, new TransactionId(epoch << 24 | index, System.nanoTime()))
                .finish(trailer);
        sent++;
        channel().writeAndFlush(out, channel().voidPromise());
    }

    /** Sends {@code count} requests now (the closed loop's window, or its refill); on the event loop. */
    void burst(int count) {
        for (int i = 0; i < count && phase.running; i++) {
            send(phase.epoch);
        }
    }

    /** Requests sent so far; on the event loop. */
    long sent() {
        return sent;
    }

    @Override
    Kind classify(ByteBuf content, long now) {
        DecodeResult<StunMessage> result = decoder.decode(content);
        if (!(result instanceof Decoded<StunMessage> decoded)) {
            return Kind.FOREIGN;
        }
        StunMessage answer = decoded.value();
        if (answer.messageClass() != StunClass.SUCCESS_RESPONSE || !answer.method().equals(StunMethod.BINDING)
                || !answer.has(XorMappedAddress.class)) {
            return Kind.FOREIGN;
        }
        if (closedLoop && phase.running) {
            send(phase.epoch);
        }
        if ((answer.transactionId().high() >>> 24) != measured()) {
            return Kind.OTHER_EPOCH;
        }
        recordLatency(now - answer.transactionId().low());
        return Kind.COUNTED;
    }
}
