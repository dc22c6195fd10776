package io.landline.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * What a session needs of its connection, whichever way the device came: MQTT over TLS or over
 * WebSocket. The session is written once and fed decoded packets by either.
 */
interface Transport {

    MqttMetrics.Transport kind();

    /** Writes and flushes {@code message}. */
    void write(MqttMessage message);

    /** Writes {@code message} (null: nothing), then closes; completes once closed. */
    Future<Void> writeAndClose(MqttMessage message);

    /** Stops reading while the CONNECT is checked, so packets sent right after it wait (MQTT 5 §3.1.4). */
    void pause();

    void resume();

    /** The subject CN of the TLS client certificate, if the connection has one. */
    Optional<String> clientCertificateCommonName();

    /** For log lines: the remote address. */
    String remote();
}
