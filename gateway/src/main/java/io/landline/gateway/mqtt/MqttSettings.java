package io.landline.gateway.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * The device push endpoint's settings ({@code gateway.mqtt.*}).
 *
 * @param host              address of the MQTT over TLS listener
 * @param port              its TCP port (5223)
 * @param maxPacketSize     the Maximum Packet Size declared in CONNACK and enforced on every packet (MQTT 5 §3.2.2.3.6)
 * @param keepAliveMax      the longest keep-alive a device may ask for; a longer or absent (0) one is replaced
 *                          by this value through Server Keep Alive (§3.2.2.3.14)
 * @param connectTimeout    how long a connection may stay silent after the TLS handshake before its CONNECT
 * @param sessionExpiryMax  the longest Session Expiry Interval honoured (§3.1.2.11.2); longer ones are cut to it
 */
public record MqttSettings(String host, int port, int maxPacketSize, Duration keepAliveMax, Duration connectTimeout,
                           Duration sessionExpiryMax) {

    public static final int DEFAULT_PORT = 5223;
    public static final int DEFAULT_MAX_PACKET_SIZE = 64 * 1024;
    /** Smallest packet limit that still fits a CONNECT with a 64-digit ClientID and a WebSocket assertion. */
    public static final int MIN_MAX_PACKET_SIZE = 1024;
    /** The protocol's own ceiling: a Remaining Length of four bytes (§1.5.5). */
    public static final int MAX_MAX_PACKET_SIZE = 268_435_455;
    /** A two-byte Keep Alive field (§3.1.2.10). */
    public static final Duration MAX_KEEP_ALIVE = Duration.ofSeconds(65_535);

    public MqttSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(keepAliveMax, "keepAliveMax");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(sessionExpiryMax, "sessionExpiryMax");
        if (maxPacketSize < MIN_MAX_PACKET_SIZE || maxPacketSize > MAX_MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("maxPacketSize out of range: " + maxPacketSize);
        }
        if (keepAliveMax.toSeconds() < 1 || keepAliveMax.compareTo(MAX_KEEP_ALIVE) > 0) {
            throw new IllegalArgumentException("keepAliveMax out of range: " + keepAliveMax);
        }
    }

    /** Defaults on {@code host}:{@code port}: 64 KiB packets, keep-alive at most 20 minutes, 10 s to CONNECT, sessions kept up to a week. */
    public static MqttSettings defaults(String host, int port) {
        return new MqttSettings(host, port, DEFAULT_MAX_PACKET_SIZE, Duration.ofMinutes(20), Duration.ofSeconds(10), Duration.ofDays(7));
    }

    int keepAliveMaxSeconds() {
        return (int) keepAliveMax.toSeconds();
    }

    long sessionExpiryMaxSeconds() {
        return Math.min(sessionExpiryMax.toSeconds(), 0xFFFF_FFFEL);
    }
}
