package io.landline.appliance.systemd;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sd_notify protocol: state lines ({@code READY=1}, {@code STOPPING=1},
 * {@code WATCHDOG=1}, {@code STATUS=...}) sent as datagrams to the unix socket named by
 * {@code NOTIFY_SOCKET}. Without that variable (not under systemd) every call is a no-op.
 */
public final class SystemdNotifier implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("landline.systemd");

    private final DomainSocketAddress socket;
    private final EventLoopGroup group;
    private final Channel channel;
    private final Optional<Duration> watchdogInterval;

    private SystemdNotifier(DomainSocketAddress socket, EventLoopGroup group, Channel channel, Optional<Duration> watchdogInterval) {
        this.socket = socket;
        this.group = group;
        this.channel = channel;
        this.watchdogInterval = watchdogInterval;
    }

    /** A notifier for the socket in {@code env}, or a no-op one when there is none or epoll is missing. */
    public static SystemdNotifier fromEnvironment(Map<String, String> env) {
        String path = env.get("NOTIFY_SOCKET");
        Optional<Duration> watchdog = watchdogInterval(env);
        if (path == null || path.isEmpty()) {
            return new SystemdNotifier(null, null, null, watchdog);
        }
        if (!Epoll.isAvailable()) {
            LOG.warning(() -> "NOTIFY_SOCKET is set but native epoll is unavailable; systemd will not hear from this node: "
                    + Epoll.unavailabilityCause());
            return new SystemdNotifier(null, null, null, Optional.empty());
        }
        // '@' names a socket in the abstract namespace, whose real name starts with a NUL byte.
        String address = path.startsWith("@") ? "\0" + path.substring(1) : path;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            DomainSocketAddress target = new DomainSocketAddress(address);
            // A connected socket: Netty's unix datagram channel sends only once it has a peer.
            Channel channel = new Bootstrap().group(group)
                    .channel(EpollDomainDatagramChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(target).syncUninterruptibly().channel();
            return new SystemdNotifier(target, group, channel, watchdog);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            LOG.log(Level.WARNING, "cannot open NOTIFY_SOCKET " + path + ": " + e.getMessage());
            return new SystemdNotifier(null, null, null, Optional.empty());
        }
    }

    /**
     * Half the watchdog period systemd asked for ({@code WATCHDOG_USEC}), if it asked this
     * process ({@code WATCHDOG_PID} absent or ours).
     */
    static Optional<Duration> watchdogInterval(Map<String, String> env) {
        String usec = env.get("WATCHDOG_USEC");
        String pid = env.get("WATCHDOG_PID");
        if (usec == null || (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid())))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000 / 2)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean enabled() {
        return channel != null;
    }

    /** How often to send {@link #watchdog()}, when systemd watches this process. */
    public Optional<Duration> watchdogInterval() {
        return enabled() ? watchdogInterval : Optional.empty();
    }

    public void ready(String status) {
        send("READY=1\nSTATUS=" + status + "\nMAINPID=" + ProcessHandle.current().pid());
    }

    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + status);
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    private void send(String state) {
        if (channel == null) {
            return;
        }
        byte[] bytes = state.getBytes(StandardCharsets.UTF_8);
        var sent = channel.writeAndFlush(new DomainDatagramPacket(Unpooled.wrappedBuffer(bytes), socket)).awaitUninterruptibly();
        if (!sent.isSuccess()) {
            LOG.warning(() -> "cannot notify systemd (" + state.lines().findFirst().orElse("") + "): " + sent.cause());
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(1000);
            group.shutdownGracefully(0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
