package io.landline.relay.turn.server;

import io.landline.relay.turn.allocation.Allocation;
import io.landline.relay.turn.allocation.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One UDP listening socket: every datagram into the packet path, then released. Several such
 * sockets may share a port (SO_REUSEPORT, one per event loop); the kernel keeps a client's
 * datagrams on one of them, so the allocations by client address live here, loop-local.
 */
final class UdpListener extends ChannelInboundHandlerAdapter implements ClientChannel {

    private final PacketPath path;
    private final Map<InetSocketAddress, Allocation<RelayEndpoint>> allocations = new HashMap<>();
    private Channel channel;
    /**
     * Answers and packets for clients are written as they come and flushed once after the
     * loop's current batch of reads (of this socket and of the relayed sockets on the loop), so
     * that a burst leaves in one sendmmsg rather than one sendmsg each.
     */
    private final Runnable flush = this::flush;
    private boolean flushScheduled;
    private int readsInBatch;

    UdpListener(PacketPath path) {
        this.path = path;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        readsInBatch++;
        try {
            if (Datagrams.cut(packet.content())) {
                path.metrics().drop(Datagrams.OVERSIZE);
                return;
            }
            path.fromClient(this, packet.sender(), packet.content());
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ReceiveCoalescing.readComplete(readsInBatch);
        readsInBatch = 0;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        path.metrics().drop("client_socket_error");
    }

    private void flush() {
        flushScheduled = false;
        channel.flush();
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
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
    public void send(ByteBuf message, InetSocketAddress client) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.writeAndFlush(new DatagramPacket(message, client), channel.voidPromise());
            return;
        }
        channel.write(new DatagramPacket(message, client), channel.voidPromise());
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flush);
        }
    }

    @Override
    public boolean padsChannelData() {
        return false;
    }

    @Override
    public Allocation<RelayEndpoint> allocation(InetSocketAddress client) {
        return allocations.get(client);
    }

    @Override
    public void attach(InetSocketAddress client, Allocation<RelayEndpoint> allocation) {
        allocations.put(client, allocation);
    }

    @Override
    public void detach(InetSocketAddress client, Allocation<RelayEndpoint> allocation) {
        allocations.remove(client, allocation);
    }
}
