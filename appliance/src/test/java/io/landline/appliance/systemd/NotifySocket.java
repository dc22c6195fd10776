package io.landline.appliance.systemd;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What systemd does with NOTIFY_SOCKET, for tests: a unix datagram socket that records every state line. */
public final class NotifySocket implements AutoCloseable {

    private final Path path;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final Channel channel;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public NotifySocket(Path path) {
        this.path = path;
        this.channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                        for (String line : packet.content().toString(StandardCharsets.UTF_8).split("\n")) {
                            lines.add(line);
                        }
                    }
                })
                .bind(new DomainSocketAddress(path.toString())).syncUninterruptibly().channel();
    }

    public Path path() {
        return path;
    }

    /** Every line received so far, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 100, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
