package io.landline.bench.turn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A socket that counts what it receives during one measured epoch and records latencies. The
 * counters are touched on the socket's event loop alone; {@link #measure} and
 * {@link #snapshot} run there too. The datagram is released here, whatever the subclass does.
 */
abstract class MeasuringHandler extends ChannelInboundHandlerAdapter {

    /** How {@link #classify} sorts a datagram. */
    enum Kind { COUNTED, OTHER_EPOCH, FOREIGN, IGNORED }

    private final LatencyHistogram latency = new LatencyHistogram();
    private Channel channel;
    private int measured = -1;
    private long counted;
    private long otherEpochs;
    private long foreign;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    public Channel channel() {
        return channel;
    }

    /** The epoch being counted; on the event loop. */
    int measured() {
        return measured;
    }

    /** Records the latency of a datagram that {@link #classify} returns COUNTED for. */
    void recordLatency(long nanos) {
        latency.record(nanos);
    }

    /** Sorts one datagram that arrived at {@code now} (System.nanoTime); must not release it. */
    abstract Kind classify(ByteBuf content, long now);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        try {
            ByteBuf content = msg instanceof DatagramPacket packet ? packet.content() : (ByteBuf) msg;
            switch (classify(content, now)) {
                case COUNTED -> counted++;
                case OTHER_EPOCH -> otherEpochs++;
                case FOREIGN -> foreign++;
                case IGNORED -> {
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // on a connected socket an ICMP port unreachable lands here: the missing answers count as loss
    }

    /** Counts only {@code epoch} from now on, from zero. */
    void measure(int epoch) {
        onLoop(() -> {
            measured = epoch;
            counted = 0;
            otherEpochs = 0;
            foreign = 0;
            latency.reset();
            return null;
        });
    }

    Tally snapshot() {
        return onLoop(() -> {
            LatencyHistogram copy = new LatencyHistogram();
            copy.mergeFrom(latency);
            return new Tally(counted, otherEpochs, foreign, copy);
        });
    }

    <T> T onLoop(Callable<T> task) {
        try {
            if (channel.eventLoop().inEventLoop()) {
                return task.call();
            }
            return channel.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("event loop did not answer", e);
        }
    }
}
