package io.landline.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * Every way a device connection ends, with the one packet it earns (MQTT 5 §3.2.2.2 CONNACK
 * reason codes before the CONNACK, §3.14.2.1 DISCONNECT reason codes after it) and the name
 * it is counted under. {@link MqttSession#end} turns an Ending into that packet, the counter
 * and the (debug) log line, so no handler decides a close on its own.
 */
enum Ending {
    // Refusals of the CONNECT (a CONNACK with this code, then close).
    /** MQTT 3.1 / 3.1.1 client: answered in its own protocol version (3.1.1 §3.2.2.3, return code 0x01). */
    UNACCEPTABLE_PROTOCOL_VERSION(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, null, "unsupported_protocol_version"),
    /** A protocol level this decoder does not know: 0x84. */
    UNSUPPORTED_PROTOCOL_VERSION(MqttConnectReturnCode.CONNECTION_REFUSED_UNSUPPORTED_PROTOCOL_VERSION, null, "unsupported_protocol_version"),
    /** Empty ClientID, not a token, or not the token of the certificate / assertion: 0x85. */
    CLIENT_IDENTIFIER_NOT_VALID(MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID, null, "client_identifier_not_valid"),
    /** WebSocket: missing, malformed, expired or wrongly signed device assertion: 0x86. */
    BAD_USER_NAME_OR_PASSWORD(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD, null, "bad_credentials"),
    /** Certificate from our CA, but no such device in the repository: 0x87. */
    NOT_AUTHORIZED(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5, null, "not_authorized"),
    /** The device was revoked: 0x8A. */
    BANNED(MqttConnectReturnCode.CONNECTION_REFUSED_BANNED, null, "banned"),
    /** Enhanced authentication (§4.12) was asked for; Landline has none: 0x8C. */
    BAD_AUTHENTICATION_METHOD(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD, null, "bad_authentication_method"),
    /** A Will Message: devices have no business publishing one (0x83, with a reason string). */
    WILL_REFUSED(MqttConnectReturnCode.CONNECTION_REFUSED_IMPLEMENTATION_SPECIFIC, null, "will_refused"),
    /** The device store could not be asked: 0x88, the device retries later. */
    SERVER_UNAVAILABLE(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5, null, "server_unavailable"),
    /** The node is draining: 0x9C before the CONNACK too. */
    USE_ANOTHER_SERVER_AT_CONNECT(MqttConnectReturnCode.CONNECTION_REFUSED_USE_ANOTHER_SERVER, null, "use_another_server"),

    // Ends of an accepted connection (a DISCONNECT with this code, then close).
    MALFORMED_PACKET(null, MqttReasonCodes.Disconnect.MALFORMED_PACKET, "malformed_packet"),
    PACKET_TOO_LARGE(null, MqttReasonCodes.Disconnect.PACKET_TOO_LARGE, "packet_too_large"),
    PROTOCOL_ERROR(null, MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "protocol_error"),
    KEEP_ALIVE_TIMEOUT(null, MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT, "keep_alive_timeout"),
    SESSION_TAKEN_OVER(null, MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER, "session_taken_over"),
    /** Revoked while connected: 0x87 Not authorized (0x8A Banned is a CONNACK-only code). */
    REVOKED(null, MqttReasonCodes.Disconnect.NOT_AUTHORIZED, "revoked"),
    USE_ANOTHER_SERVER(null, MqttReasonCodes.Disconnect.USE_ANOTHER_SERVER, "use_another_server"),
    QOS_NOT_SUPPORTED(null, MqttReasonCodes.Disconnect.QOS_NOT_SUPPORTED, "qos_not_supported"),
    RETAIN_NOT_SUPPORTED(null, MqttReasonCodes.Disconnect.RETAIN_NOT_SUPPORTED, "retain_not_supported"),
    TOPIC_ALIAS_INVALID(null, MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID, "topic_alias_invalid"),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(null, MqttReasonCodes.Disconnect.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
            "subscription_identifiers_not_supported"),
    RECEIVE_MAXIMUM_EXCEEDED(null, MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED, "receive_maximum_exceeded"),

    // Ends without a packet.
    /** Nothing (or no CONNECT) within gateway.mqtt.connect-timeout of the handshake. */
    CONNECT_TIMEOUT(null, null, "connect_timeout"),
    /** Bytes that are not MQTT, or a first packet that is not CONNECT (§3.1: close without CONNACK). */
    NOT_MQTT(null, null, "not_mqtt"),
    /** The device sent DISCONNECT. */
    CLIENT_DISCONNECT(null, null, "client_disconnect"),
    /** The network connection closed or failed under us. */
    CONNECTION_LOST(null, null, "connection_lost");

    private final MqttConnectReturnCode connack;
    private final MqttReasonCodes.Disconnect disconnect;
    private final String tag;

    Ending(MqttConnectReturnCode connack, MqttReasonCodes.Disconnect disconnect, String tag) {
        this.connack = connack;
        this.disconnect = disconnect;
        this.tag = tag;
    }

    /** The CONNACK refusal code, or null when this ending sends no CONNACK. */
    MqttConnectReturnCode connack() {
        return connack;
    }

    /** The DISCONNECT reason code, or null when this ending sends no DISCONNECT. */
    MqttReasonCodes.Disconnect disconnect() {
        return disconnect;
    }

    /** The {@code reason} tag of the connect and disconnect counters. */
    String tag() {
        return tag;
    }

    /** Malformed and oversized packets are also counted apart, by kind. */
    boolean isBadPacket() {
        return this == MALFORMED_PACKET || this == PACKET_TOO_LARGE || this == NOT_MQTT;
    }
}
