package io.landline.relay.turn.server;

import io.landline.relay.turn.allocation.Allocation;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * Reads the relayed sockets of one allocation (one per address family, so sharable; both on the
 * allocation's event loop): every datagram from a peer goes into the packet path, then is released.
 */
@ChannelHandler.Sharable
final class PeerHandler extends ChannelInboundHandlerAdapter {

    private final PacketPath path;
    private Allocation<RelayEndpoint> allocation;
    /** Datagrams of the current read; the allocation's sockets share this handler but not a read. */
    private int readsInBatch;

    PeerHandler(PacketPath path) {
        this.path = path;
    }

    /** Set once the allocation exists; datagrams before that are dropped. */
    void serve(Allocation<RelayEndpoint> allocation) {
        this.allocation = allocation;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        readsInBatch++;
        try {
            if (allocation == null) {
                path.metrics().drop(TurnMetrics.NO_ALLOCATION);
            } else if (Datagrams.cut(packet.content())) {
                path.metrics().drop(Datagrams.OVERSIZE);
            } else {
                path.fromPeer(allocation, packet.sender(), packet.content());
            }
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
        // ICMP errors surface here as PortUnreachableException on connected sockets; an
        // unconnected relayed socket sees few, and none of them concerns the allocation.
        path.metrics().drop("peer_socket_error");
    }
}
