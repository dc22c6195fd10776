package io.landline.relay.turn.server;

import io.landline.protocol.stun.MalformedReason;
import io.landline.protocol.stun.StunHeader;
import io.landline.protocol.turn.Framing;
import io.landline.protocol.turn.StreamFramer;
import io.landline.relay.turn.allocation.Allocation;
import io.landline.relay.turn.allocation.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.net.NetSocketInternal;
import java.net.InetSocketAddress;

/**
 * One TCP or TLS connection of a client (RFC 8656 §12.5 framing): bytes are gathered until
 * the framer splits off a whole STUN message or ChannelData frame, and each frame goes into
 * the same packet path as a datagram. A stream that cannot be framed is closed and counted.
 * The connection's allocation ends with it (RFC 8656 §7: a TCP 5-tuple dies with its connection).
 */
final class StreamConnection implements ClientChannel {

    /** Bytes buffered for one unfinished frame at most: a STUN message limit plus a ChannelData header. */
    private static final int MAX_BUFFERED = StreamFramer.DEFAULT_MAX_CHANNEL_DATA_LENGTH + 8;

    private final NetSocketInternal socket;
    private final Channel channel;
    private final Transport transport;
    private final PacketPath path;
    private final TurnService service;
    private final StreamFramer framer;
    private final InetSocketAddress client;
    private ByteBuf pending;
    private Allocation<RelayEndpoint> allocation;

    StreamConnection(NetSocketInternal socket, Transport transport, PacketPath path, TurnService service, StreamFramer framer) {
        this.socket = socket;
        this.channel = socket.channelHandlerContext().channel();
        this.transport = transport;
        this.path = path;
        this.service = service;
        this.framer = framer;
        this.client = (InetSocketAddress) channel.remoteAddress();
    }

    void start() {
        socket.messageHandler(this::read);
        socket.closeHandler(v -> closed());
        socket.exceptionHandler(e -> path.metrics().drop("stream_error"));
    }

    private void read(Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (pending == null) {
            pending = bytes;
        } else {
            try {
                pending.writeBytes(bytes);
            } finally {
                bytes.release();
            }
        }
        try {
            drain();
        } catch (RuntimeException e) {
            // The codec never throws on input; whatever did is a bug, and the connection goes.
            path.metrics().drop(TurnMetrics.BAD_FRAMING);
            channel.close();
        }
    }

    private void drain() {
        while (pending != null && pending.isReadable()) {
            Framing next = nextFrame(pending);
            if (next instanceof Framing.Frame frame) {
                try {
                    path.fromClient(this, client, frame.content());
                } finally {
                    frame.content().release();
                }
            } else if (next instanceof Framing.Invalid invalid) {
                path.metrics().drop(invalid.reason().tag());
                releasePending();
                channel.close();
                return;
            } else {
                break;
            }
        }
        if (pending != null && !pending.isReadable()) {
            releasePending();
        } else if (pending != null) {
            if (pending.readableBytes() > MAX_BUFFERED) {
                path.metrics().drop(TurnMetrics.BAD_FRAMING);
                releasePending();
                channel.close();
                return;
            }
            // Keep the unfinished frame in a buffer of our own that later reads can be appended to.
            ByteBuf rest = channel.alloc().buffer(Math.max(256, pending.readableBytes() * 2));
            rest.writeBytes(pending);
            pending.release();
            pending = rest;
        }
    }

    /** The codec's framer, but for ChannelData of RFC 5766's channels, which it does not know. */
    private Framing nextFrame(ByteBuf in) {
        int first = in.getUnsignedByte(in.readerIndex());
        // A stream is one client's: ChannelData before any allocation, or STUN without the
        // magic cookie, means it is not speaking TURN (an HTTP "GET" reads as channel 0x4745),
        // so it is closed at once instead of buffering up to 64 KiB of it.
        if (first >= 0x40 && first <= 0x7F && allocation == null) {
            return new Framing.Invalid(MalformedReason.NOT_STUN_OR_CHANNEL_DATA);
        }
        if (first < 0x40 && in.readableBytes() >= 8 && in.getInt(in.readerIndex() + 4) != StunHeader.MAGIC_COOKIE) {
            return new Framing.Invalid(MalformedReason.BAD_MAGIC_COOKIE);
        }
        int legacy = LegacyChannelNumbers.streamFrameLength(in);
        if (legacy < 0) {
            return framer.next(in);
        }
        if (in.readableBytes() < legacy) {
            return Framing.NeedMore.INSTANCE;
        }
        ByteBuf frame = in.retainedSlice(in.readerIndex(), legacy);
        in.skipBytes(legacy);
        return new Framing.Frame(io.landline.protocol.turn.PacketKind.CHANNEL_DATA, frame);
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private void closed() {
        releasePending();
        if (allocation != null) {
            service.delete(allocation, "its " + transport + " connection closed");
        }
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public void send(ByteBuf message, InetSocketAddress to) {
        socket.writeMessage(message);
    }

    @Override
    public boolean padsChannelData() {
        return true;
    }

    @Override
    public Allocation<RelayEndpoint> allocation(InetSocketAddress from) {
        return allocation;
    }

    @Override
    public void attach(InetSocketAddress from, Allocation<RelayEndpoint> allocation) {
        this.allocation = allocation;
    }

    @Override
    public void detach(InetSocketAddress from, Allocation<RelayEndpoint> allocation) {
        if (this.allocation == allocation) {
            this.allocation = null;
        }
    }
}
