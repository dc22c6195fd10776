package io.landline.gateway.mqtt;

import com.hazelcast.core.HazelcastInstance;
import io.landline.cluster.presence.Presence;
import io.landline.device.Device;
import io.landline.device.DeviceEvents;
import io.landline.device.DeviceRepository;
import io.landline.gateway.push.DeviceDelivery;
import io.landline.gateway.push.DeviceSessions;
import io.landline.gateway.push.NodeInbox;
import io.landline.protocol.token.DeviceToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The device push endpoint of one node: what every device connection shares, whichever
 * transport it came by. It admits sessions (one per token, cluster-wide, through
 * {@link Presence}), is the node's local {@link DeviceDelivery}, consumes this node's event-bus
 * address for deliveries and takeovers from other nodes, closes revoked devices at once, and
 * drains all connections with DISCONNECT 0x9C when the node stops.
 */
public final class MqttEndpoint {

    private static final Logger LOG = Logger.getLogger("landline.mqtt");

    /** Time to live of a kept session while its device is still connected; its expiry proper starts at disconnect. */
    static final Duration KEPT_WHILE_CONNECTED = Duration.ofDays(30);

    private final Vertx vertx;
    private final MqttSettings settings;
    private final MqttMetrics metrics;
    private final Authentication authentication;
    private final Presence presence;
    private final DeviceSessions deviceSessions;
    private final SessionStore sessionStore;
    private final Clock clock;
    private final LocalSessions sessions = new LocalSessions();
    private final List<SessionSweep> sweeps = new CopyOnWriteArrayList<>();
    private final List<MessageConsumer<?>> consumers = new CopyOnWriteArrayList<>();
    private volatile boolean draining;
    private DeviceDelivery inboxDelivery = sessions;
    private DeviceDelivery inboxHandOver = sessions;

    public MqttEndpoint(Vertx vertx, MqttSettings settings, DeviceRepository devices, Presence presence,
                        DeviceSessions deviceSessions, HazelcastInstance hazelcast, MeterRegistry registry, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.metrics = new MqttMetrics(registry);
        this.authentication = new Authentication(vertx, devices, clock);
        this.presence = presence;
        this.deviceSessions = deviceSessions;
        this.sessionStore = new SessionStore(vertx, hazelcast);
        this.clock = clock;
    }

    /**
     * Hands notifications that other nodes route here to {@code delivery} instead of straight to
     * the local sessions (the push pipeline takes them, to deliver them in order and mark them);
     * call before {@link #start}.
     */
    public void routeInboxTo(DeviceDelivery delivery) {
        this.inboxDelivery = delivery;
    }

    /** Where hand-overs from other nodes go (the push pipeline, which delivers only when nothing is pending); by default straight to the sessions. */
    public void handOverInboxTo(DeviceDelivery delivery) {
        this.inboxHandOver = delivery;
    }

    /** Starts consuming this node's address and revocations; call once, before listening. */
    public Future<Void> start() {
        Future<MessageConsumer<Object>> inbox = NodeInbox.register(vertx, presence.localNodeId(), inboxDelivery, inboxHandOver, this::takenOverElsewhere);
        MessageConsumer<Object> revoked = vertx.eventBus().consumer(DeviceEvents.REVOKED, message -> {
            if (message.body() instanceof String hex) {
                DeviceToken.parse(hex).ifPresent(this::revoked);
            }
        });
        return Future.all(inbox, revoked.completion()).map(all -> {
            consumers.add(inbox.result());
            consumers.add(revoked);
            return null;
        });
    }

    /** The node's local delivery: to devices connected to this node only. */
    public DeviceDelivery delivery() {
        return sessions;
    }

    /**
     * A listener for MQTT over TLS, to deploy once per event loop; {@code tls} applies the node's
     * TLS setup with client certificates required, e.g. {@code o -> serverTls.applyTo(o, ClientAuth.REQUIRED)}.
     */
    public MqttVerticle tcpVerticle(Consumer<NetServerOptions> tls) {
        return new MqttVerticle(this, tls);
    }

    /** The handler of {@code GET /mqtt} on the HTTPS listener: MQTT over WebSocket. */
    public Handler<RoutingContext> webSocketRoute() {
        return new MqttOverWebSocket(this);
    }

    /** Device connections admitted on this node. */
    public int connectedDevices() {
        return sessions.size();
    }

    /**
     * Stops admitting devices and tells every connected one to reconnect elsewhere: DISCONNECT
     * 0x9C (Use another server), then close. Completes when every connection is closed.
     */
    public Future<Void> drain() {
        draining = true;
        int count = sessions.size();
        List<Future<Void>> all = sweeps.stream().map(s -> s.endAll(Ending.USE_ANOTHER_SERVER)).toList();
        return Future.join(all).compose(done -> {
            LOG.info(() -> "drained " + count + " device connection(s) with DISCONNECT 0x9C");
            List<Future<Void>> unregistering = consumers.stream().map(c -> c.unregister()).toList();
            return Future.join(unregistering).mapEmpty();
        });
    }

    // ---- for sessions ----

    MqttSettings settings() {
        return settings;
    }

    MqttMetrics metrics() {
        return metrics;
    }

    Clock clock() {
        return clock;
    }

    DeviceSessions deviceSessions() {
        return deviceSessions;
    }

    SessionStore sessionStore() {
        return sessionStore;
    }

    boolean isDraining() {
        return draining;
    }

    /** A new session on the current event loop; the sweep of that loop watches its deadlines. */
    MqttSession newSession(Transport transport) {
        return new MqttSession(this, transport, sweepOf(vertx.getOrCreateContext()));
    }

    /** The sweep of {@code context}'s event loop, started on first use and drained with the rest. */
    SessionSweep sweepOf(io.vertx.core.Context context) {
        return SessionSweep.of(context, sweeps);
    }

    Future<Device> authenticate(Transport transport, DeviceToken claimed, byte[] password) {
        return transport.kind() == MqttMetrics.Transport.TCP
                ? authentication.byCertificate(claimed, transport.clientCertificateCommonName())
                : authentication.byAssertion(claimed, password);
    }

    /**
     * Makes {@code session} the one connection of {@code token}: a connection of the same token
     * on this node is closed with 0x8E, presence is claimed, and a node that held the token before
     * is told to close its connection. Yields the kept subscriptions, unless {@code cleanStart}.
     */
    Future<Optional<Subscriptions>> admit(MqttSession session, DeviceToken token, boolean cleanStart) {
        MqttSession previous = sessions.register(token, session);
        if (previous != null) {
            metrics.takeover(false);
            previous.context().runOnContext(v -> previous.end(Ending.SESSION_TAKEN_OVER, "same token connected again on this node"));
        }
        Future<Optional<String>> claim = presence.claim(token).onSuccess(before ->
                before.ifPresent(node -> NodeInbox.sendTakeover(vertx, node, token)));
        Future<Optional<Subscriptions>> kept;
        if (cleanStart) {
            sessionStore.delete(token);
            kept = Future.succeededFuture(Optional.empty());
        } else {
            kept = sessionStore.load(token);
        }
        return Future.all(claim, kept).map(both -> kept.result());
    }

    /**
     * {@code session} of {@code token} closed. Unless another connection of the token took its
     * place here, presence is released and the push pipeline told; the session is kept for
     * {@code keepSeconds} (0: ended, negative: leave the store alone).
     */
    void left(MqttSession session, DeviceToken token, long keepSeconds, Subscriptions subscriptions) {
        if (!sessions.unregister(token, session)) {
            return;
        }
        presence.release(token);
        deviceSessions.deviceGone(token);
        if (keepSeconds > 0 && !subscriptions.isEmpty()) {
            sessionStore.save(token, subscriptions, Duration.ofSeconds(keepSeconds));
        } else if (keepSeconds == 0) {
            sessionStore.delete(token);
        }
    }

    private void takenOverElsewhere(DeviceToken token) {
        if (sessions.onSessionOf(token, s -> s.end(Ending.SESSION_TAKEN_OVER, "same token connected to another node"))) {
            metrics.takeover(true);
        }
    }

    private void revoked(DeviceToken token) {
        if (sessions.onSessionOf(token, s -> s.end(Ending.REVOKED, "device revoked"))) {
            LOG.info(() -> "closed the connection of revoked device " + token);
        }
    }
}
