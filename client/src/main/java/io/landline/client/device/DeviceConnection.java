package io.landline.client.device;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * An activated device's MQTT 5 connection to a node's device endpoint (TLS, port 5223 by
 * default): it presents the device certificate, uses the token as ClientID, subscribes to
 * {@code push/#} at QoS 1 and hands each notification to a callback. The PUBACK that follows
 * the callback's return is the delivery receipt, so the callback should not block for long.
 */
public final class DeviceConnection implements AutoCloseable {

    /** The filter every notification topic falls under. */
    public static final String PUSH_FILTER = "push/#";

    private final MqttClient client;
    private final CompletableFuture<Integer> closed;

    private DeviceConnection(MqttClient client, CompletableFuture<Integer> closed) {
        this.client = client;
        this.closed = closed;
    }

    /**
     * Connects {@code device} to {@code host}:{@code port} and subscribes to {@code push/#}.
     *
     * @throws Refused when the node answers CONNECT or SUBSCRIBE with a failure reason code
     * @throws IOException when no connection could be made (TLS, socket)
     */
    public static DeviceConnection open(ActivatedDevice device, String host, int port, Consumer<DeviceNotification> onNotification)
            throws IOException {
        Objects.requireNonNull(onNotification, "onNotification");
        MqttClient client;
        try {
            client = new MqttClient("ssl://" + host + ":" + port, device.token(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IOException("cannot make an MQTT client for " + host + ":" + port, e);
        }
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        client.setCallback(new Callback(onNotification, closed));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(tls(device).getSocketFactory());
        options.setCleanStart(true);
        options.setKeepAliveInterval(60);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        try {
            client.connect(options);
            IMqttToken subscribed = client.subscribe(PUSH_FILTER, 1);
            int[] codes = subscribed.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                client.disconnectForcibly(1000, 1000, false);
                throw new Refused(codes[0], "SUBSCRIBE " + PUSH_FILTER + " refused");
            }
        } catch (MqttException e) {
            closeQuietly(client);
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xFF) {
                throw new Refused(e.getReasonCode(), "CONNECT refused: " + e.getMessage());
            }
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new DeviceConnection(client, closed);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Completes when the node ends the connection, with the DISCONNECT reason code (MQTT 5
     * §3.14.2.1), or -1 when the connection was lost without one.
     */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
        } catch (MqttException e) {
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException ignored) {
                // already gone
            }
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
    }

    /** A TLS context presenting the device's certificate and trusting only the CA it got at activation. */
    static SSLContext tls(ActivatedDevice device) throws IOException {
        try {
            List<Certificate> chain = new ArrayList<>(certificates(device.certificatePem()));
            Collection<? extends Certificate> cas = certificates(device.caPem());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("device", device.privateKey(), new char[0], chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the device's TLS context: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(String pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    static DeviceNotification notification(String topic, MqttMessage message) {
        MqttProperties properties = message.getProperties();
        String id = null;
        String pushType = "alert";
        int priority = 10;
        Optional<String> collapseId = Optional.empty();
        OptionalLong expiry = OptionalLong.empty();
        if (properties != null) {
            for (UserProperty p : properties.getUserProperties()) {
                switch (p.getKey()) {
                    case "apns-id" -> id = p.getValue();
                    case "apns-push-type" -> pushType = p.getValue();
                    case "apns-priority" -> priority = parsePriority(p.getValue(), priority);
                    case "apns-collapse-id" -> collapseId = Optional.of(p.getValue());
                    default -> {
                        // properties added later are ignored, as MQTT 5 §3.3.2.3.7 allows
                    }
                }
            }
            if (properties.getMessageExpiryInterval() != null) {
                expiry = OptionalLong.of(properties.getMessageExpiryInterval());
            }
        }
        return new DeviceNotification(topic, message.getPayload(), id, pushType, priority, collapseId, expiry);
    }

    private static int parsePriority(String value, int otherwise) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** Thrown when the node refuses the connection or the subscription; the code is the MQTT 5 reason code. */
    public static final class Refused extends IOException {
        private final int reasonCode;

        Refused(int reasonCode, String message) {
            super(message + " (reason code 0x" + Integer.toHexString(reasonCode) + ")");
            this.reasonCode = reasonCode;
        }

        public int reasonCode() {
            return reasonCode;
        }
    }

    private record Callback(Consumer<DeviceNotification> onNotification, CompletableFuture<Integer> closed) implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            closed.complete(response.getReturnCode());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onNotification.accept(notification(topic, message));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
