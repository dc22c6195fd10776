package io.landline.gateway.https;

/**
 * The HTTPS listener (HTTP/2 and HTTP/1.1): provider API, device API, MQTT over WebSocket.
 *
 * @param host address to bind
 * @param port TCP port (443 in production, 8443 for a development node)
 */
public record HttpsSettings(String host, int port) {
}
