package io.landline.relay.turn.server;

import io.landline.relay.RelaySettings;
import io.landline.relay.TurnSettings;
import io.landline.relay.turn.allocation.Allocation;
import io.landline.relay.turn.allocation.AllocationTable;
import io.landline.relay.turn.allocation.RelayPortPool;
import io.landline.relay.turn.allocation.Reservations;
import io.landline.relay.turn.auth.Credentials;
import io.landline.relay.turn.auth.LongTermAuth;
import io.landline.relay.turn.auth.NonceScheme;
import io.landline.relay.turn.auth.RestCredentials;
import io.landline.relay.turn.auth.StaticUsers;
import io.landline.relay.turn.policy.PeerPolicy;
import io.landline.relay.turn.policy.SourceRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetServerOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The node's STUN/TURN service: builds the shared state from the settings, deploys the
 * listeners on every event loop, and sweeps expired allocations, permissions, reservations
 * and rate-limit windows once a second.
 */
public final class TurnServer {

    private static final Logger LOG = Logger.getLogger("landline.turn");
    /** Permissions and channel bindings are swept this often; their expiry is also checked on use. */
    private static final long STATE_SWEEP_MS = 30_000;

    private final Vertx vertx;
    private final TurnService service;
    private final String deployment;
    private final long timer;

    private final EventLoopGroup relayGroup;

    private TurnServer(Vertx vertx, TurnService service, String deployment, long timer, EventLoopGroup relayGroup) {
        this.relayGroup = relayGroup;
        this.vertx = vertx;
        this.service = service;
        this.deployment = deployment;
        this.timer = timer;
    }

    /**
     * Starts listening on {@code relay.turn.ports} (UDP and TCP) and {@code relay.turn.tls-port}.
     *
     * @param tls applies the node's TLS setup to the TLS listener's options
     */
    public static Future<TurnServer> start(Vertx vertx, RelaySettings settings, Consumer<NetServerOptions> tls,
                                           MeterRegistry registry, Clock clock) {
        TurnSettings turn = settings.turn();
        InetAddress host;
        try {
            host = InetAddress.getByName(turn.host());
        } catch (UnknownHostException e) {
            return Future.failedFuture("relay.turn.host '" + turn.host() + "' does not resolve");
        }
        InetAddress relayAddress = turn.relayAddress().orElseGet(() -> defaultRelayAddress(host));
        SecureRandom random = new SecureRandom();
        RelayPortPool pool = new RelayPortPool(settings.relayPorts(), random);
        TurnMetrics metrics = new TurnMetrics(registry);
        AllocationTable<RelayEndpoint> table = new AllocationTable<>(turn.maxAllocations(), turn.userQuota());
        metrics.gauges(table::size, pool::inUse);
        StaticUsers users = StaticUsers.parse(turn.users());
        LongTermAuth auth = new LongTermAuth(turn.realm(), new NonceScheme(clock, turn.nonceLifetime(), random),
                new Credentials(users, new RestCredentials(turn.restSecrets())), clock);
        TurnService service = new TurnService(table, new RelaySocketBinder(((VertxInternal) vertx).transport(), pool),
                new Reservations<>(), auth, new PeerPolicy(turn.allowedPeers()), new SourceRateLimiter(turn.requestsPerSecond()),
                metrics, clock, relayAddress, turn.relayAddressV6(), turn.externalAddress(), turn.bandwidthKbps() * 125L,
                new TurnService.EventLog());

        int instances = listenerLoops();
        AtomicInteger next = new AtomicInteger();
        boolean reusePort = TurnListenerVerticle.reusePort((VertxInternal) vertx);
        // Coalescing needs loops of the relay's own, with its select strategy; Vert.x's loops keep the default one.
        long pause = turn.receiveCoalescing().toNanos();
        EventLoopGroup relayGroup = pause > 0 && reusePort ? new MultiThreadIoEventLoopGroup(instances,
                new DefaultThreadFactory("landline-relay"), EpollIoHandler.newFactory(0, () -> new ReceiveCoalescing(pause))) : null;
        List<EventLoop> udpLoops = new ArrayList<>();
        if (relayGroup != null) {
            relayGroup.forEach(loop -> udpLoops.add((EventLoop) loop));
        }
        return vertx.deployVerticle(() -> {
                    int instance = next.getAndIncrement();
                    return new TurnListenerVerticle(service, host, settings.turnPorts(), settings.turnTlsPort(), tls,
                            instance, instances, udpLoops.isEmpty() ? null : udpLoops.get(instance));
                }, new DeploymentOptions().setInstances(instances))
                .map(deployment -> {
                    long timer = vertx.setPeriodic(1000, id -> sweep(service));
                    LOG.info(() -> "STUN/TURN listening on " + host.getHostAddress() + " ports " + settings.turnPorts() + " (UDP"
                            + (reusePort ? ", SO_REUSEPORT on " + instances + " event loops" : "")
                            + (relayGroup != null ? " of the relay's own, receive coalescing " + pause / 1000 + " µs" : "") + ", TCP), TLS port "
                            + settings.turnTlsPort() + "; relaying from " + relayAddress.getHostAddress()
                            + turn.relayAddressV6().map(a -> " and " + a.getHostAddress()).orElse("")
                            + turn.externalAddress().map(a -> " (announced as " + a.getHostAddress() + ")").orElse("")
                            + " ports " + settings.relayPorts() + "; realm '" + turn.realm() + "', " + users.size()
                            + " static user(s), " + turn.restSecrets().size() + " REST secret(s)"
                            + (auth.acceptsAnyone() ? "" : " (TURN refused with 403 until users or secrets are configured)")
                            + "; peers allowed beyond the public internet: " + turn.allowedPeers());
                    return new TurnServer(vertx, service, deployment, timer, relayGroup);
                })
                .onFailure(e -> {
                    if (relayGroup != null) {
                        relayGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                    }
                });
    }

    /**
     * One UDP listener per CPU the process may run on, not Vert.x's two event loops per CPU:
     * the packet path never blocks, so a second loop per CPU only splits each wake-up's batch
     * of datagrams in two and adds context switches (measured in docs/benchmarks.md). A node
     * pinned to one CPU relays on one loop, as coturn with {@code relay-threads=1} does.
     */
    static int listenerLoops() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE));
    }

    /** Stops listening and deletes every allocation. */
    public Future<Void> stop() {
        vertx.cancelTimer(timer);
        return vertx.undeploy(deployment).eventually(() -> {
            for (Allocation<RelayEndpoint> allocation : service.allocations().all()) {
                allocation.socket().eventLoop().execute(() -> service.delete(allocation, "server stopping"));
            }
            if (relayGroup == null) {
                return Future.succeededFuture();
            }
            // After the deletions queued above: a loop runs its queued tasks before it terminates.
            Promise<Void> terminated = Promise.promise();
            relayGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).addListener(f -> terminated.complete());
            return terminated.future();
        });
    }

    public TurnMetrics metrics() {
        return service.metrics();
    }

    public int allocationCount() {
        return service.allocations().size();
    }

    /** The IPv4 address relayed sockets bind. */
    public InetAddress relayAddress() {
        return service.relayAddress();
    }

    private static void sweep(TurnService service) {
        long now = service.clock().millis();
        for (Allocation<RelayEndpoint> allocation : service.allocations().expired(now)) {
            allocation.socket().eventLoop().execute(() -> service.delete(allocation, "lifetime expired"));
        }
        if (now / 1000 % (STATE_SWEEP_MS / 1000) == 0) {
            for (Allocation<RelayEndpoint> allocation : service.allocations().all()) {
                allocation.socket().eventLoop().execute(() -> allocation.sweep(service.clock().millis()));
            }
        }
        service.reservations().expired(now).forEach(r -> service.binder().pool().release(r.port()));
        service.rateLimiter().sweep(now);
    }

    /**
     * Where relayed sockets bind when relay.turn.relay-address is empty: the listeners' host if
     * it is one address, else this host's first non-loopback IPv4 address, else loopback.
     */
    static InetAddress defaultRelayAddress(InetAddress host) {
        if (!host.isAnyLocalAddress() && host instanceof Inet4Address) {
            return host;
        }
        try {
            List<NetworkInterface> interfaces = new ArrayList<>(Collections.list(NetworkInterface.getNetworkInterfaces()));
            for (NetworkInterface nif : interfaces) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                Optional<InetAddress> v4 = nif.inetAddresses().filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress()).findFirst();
                if (v4.isPresent()) {
                    return v4.get();
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return InetAddress.getLoopbackAddress();
    }
}
