package io.landline.gateway.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint's meters, created once so the packet path only increments: connections by
 * transport, connects by outcome, disconnects by reason, rejected packets, publishes both ways,
 * PUBACK latency, takeovers and TLS refusals.
 */
final class MqttMetrics {

    /** The two ways a device reaches the endpoint. */
    enum Transport {
        TCP("tcp"), WEBSOCKET("websocket");

        final String tag;

        Transport(String tag) {
            this.tag = tag;
        }
    }

    private final Map<Transport, AtomicInteger> connections = new EnumMap<>(Transport.class);
    private final Counter accepted;
    private final Map<Ending, Counter> refused = new EnumMap<>(Ending.class);
    private final Map<Ending, Counter> disconnects = new EnumMap<>(Ending.class);
    private final Counter malformed;
    private final Counter tooLarge;
    private final Counter notMqtt;
    private final Counter delivered;
    private final Counter deliveryFailed;
    private final Counter callPublishes;
    private final Counter refusedPublishes;
    private final Timer pubackLatency;
    private final Counter localTakeovers;
    private final Counter remoteTakeovers;
    private final Counter tlsErrors;
    private final Counter otherErrors;

    MqttMetrics(MeterRegistry registry) {
        for (Transport t : Transport.values()) {
            AtomicInteger gauge = new AtomicInteger();
            connections.put(t, gauge);
            Gauge.builder("landline.mqtt.connections", gauge, AtomicInteger::get).tag("transport", t.tag)
                    .description("Device connections open, by transport").register(registry);
        }
        accepted = Counter.builder("landline.mqtt.connects").tag("outcome", "accepted").tag("reason", "success")
                .description("CONNECT packets, by outcome and reason").register(registry);
        for (Ending e : Ending.values()) {
            refused.put(e, Counter.builder("landline.mqtt.connects").tag("outcome", "refused").tag("reason", e.tag())
                    .description("CONNECT packets, by outcome and reason").register(registry));
            disconnects.put(e, Counter.builder("landline.mqtt.disconnects").tag("reason", e.tag())
                    .description("Accepted connections that ended, by reason").register(registry));
        }
        malformed = packets(registry, "malformed");
        tooLarge = packets(registry, "too_large");
        notMqtt = packets(registry, "not_mqtt");
        delivered = Counter.builder("landline.mqtt.publishes.delivered").description("Notifications acknowledged by a device (PUBACK)")
                .register(registry);
        deliveryFailed = Counter.builder("landline.mqtt.publishes.failed")
                .description("Notifications not acknowledged: connection closed, not subscribed, refused by the device").register(registry);
        callPublishes = Counter.builder("landline.mqtt.publishes.received").tag("outcome", "accepted")
                .description("PUBLISH packets from devices, by outcome").register(registry);
        refusedPublishes = Counter.builder("landline.mqtt.publishes.received").tag("outcome", "refused")
                .description("PUBLISH packets from devices, by outcome").register(registry);
        pubackLatency = Timer.builder("landline.mqtt.puback.latency").description("From PUBLISH written to PUBACK read")
                .publishPercentileHistogram().register(registry);
        localTakeovers = Counter.builder("landline.mqtt.takeovers").tag("scope", "node")
                .description("Connections closed with 0x8E because the same token connected again").register(registry);
        remoteTakeovers = Counter.builder("landline.mqtt.takeovers").tag("scope", "cluster")
                .description("Connections closed with 0x8E because the same token connected again").register(registry);
        tlsErrors = Counter.builder("landline.mqtt.connection.errors").tag("kind", "tls")
                .description("Connections dropped in or before the TLS handshake (no client certificate, not TLS)").register(registry);
        otherErrors = Counter.builder("landline.mqtt.connection.errors").tag("kind", "other")
                .description("Connections dropped for another network error").register(registry);
    }

    private static Counter packets(MeterRegistry registry, String kind) {
        return Counter.builder("landline.mqtt.packets.rejected").tag("kind", kind)
                .description("Packets that closed their connection: malformed, over the Maximum Packet Size, not MQTT").register(registry);
    }

    void opened(Transport transport) {
        connections.get(transport).incrementAndGet();
    }

    void closed(Transport transport) {
        connections.get(transport).decrementAndGet();
    }

    void accepted() {
        accepted.increment();
    }

    /** Counts how a connection ended: a refused CONNECT, or a disconnect after the CONNACK. */
    void ended(Ending ending, boolean afterConnack) {
        (afterConnack ? disconnects : refused).get(ending).increment();
        switch (ending) {
            case MALFORMED_PACKET -> malformed.increment();
            case PACKET_TOO_LARGE -> tooLarge.increment();
            case NOT_MQTT -> notMqtt.increment();
            default -> {
            }
        }
    }

    void delivered(long nanos) {
        delivered.increment();
        pubackLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void deliveryFailed() {
        deliveryFailed.increment();
    }

    void publishReceived(boolean accepted) {
        (accepted ? callPublishes : refusedPublishes).increment();
    }

    void takeover(boolean remote) {
        (remote ? remoteTakeovers : localTakeovers).increment();
    }

    void connectionError(boolean tls) {
        (tls ? tlsErrors : otherErrors).increment();
    }
}
