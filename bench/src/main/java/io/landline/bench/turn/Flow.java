package io.landline.bench.turn;

import io.landline.protocol.turn.ChannelDataCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * One stream of measured datagrams from one socket: through a TURN channel as ChannelData
 * (RFC 8656 §12.4), or straight to the peer for the baseline. The socket is connected, so a
 * write is a bare pooled ByteBuf, sent with one send(2) and released by the transport.
 */
final class Flow implements Sender {

    /** No channel: the datagram goes to the peer directly. */
    static final int DIRECT = 0;

    private final Channel channel;
    private final int index;
    private final int channelNumber;
    private final int payloadBytes;
    private int sequence;

    /**
     * @param index         the flow's number in the payload, below {@link RelayPayload#MAX_FLOWS}
     * @param channelNumber 0x4000..0x4FFF, or {@link #DIRECT}
     */
    Flow(Channel channel, int index, int channelNumber, int payloadBytes) {
        if (index < 0 || index >= RelayPayload.MAX_FLOWS) {
            throw new IllegalArgumentException("flow number out of range: " + index);
        }
        if (payloadBytes < RelayPayload.HEADER_BYTES) {
            throw new IllegalArgumentException("payloads carry at least " + RelayPayload.HEADER_BYTES + " bytes");
        }
        this.channel = channel;
        this.index = index;
        this.channelNumber = channelNumber;
        this.payloadBytes = payloadBytes;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void send(int epoch) {
        ByteBuf out = channel.alloc().directBuffer(ChannelDataCodec.HEADER_BYTES + payloadBytes);
        if (channelNumber != DIRECT) {
            ChannelDataCodec.encodeHeader(channelNumber, payloadBytes, out);
        }
        RelayPayload.write(out, payloadBytes, epoch, index, sequence++, System.nanoTime());
        channel.writeAndFlush(out, channel.voidPromise());
    }
}
