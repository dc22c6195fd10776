package io.landline.gateway.mqtt;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

/**
 * {@code GET /mqtt} on the HTTPS listener: the WebSocket upgrade for MQTT (MQTT 5 §6), with
 * subprotocol {@code mqtt}. The CONNECT password carries a device assertion instead of a client
 * certificate; everything after is the session every device has.
 */
final class MqttOverWebSocket implements Handler<RoutingContext> {

    /** The WebSocket subprotocol MQTT 5 §6.0 requires. */
    static final String SUBPROTOCOL = "mqtt";

    private final MqttEndpoint endpoint;

    MqttOverWebSocket(MqttEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String offered = ctx.request().getHeader("sec-websocket-protocol");
        boolean mqtt = offered != null && Arrays.stream(offered.split(",")).map(String::trim).anyMatch(SUBPROTOCOL::equals);
        if (!mqtt) {
            ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("reason", "WebSocketSubprotocolMqttRequired").encode());
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> {
            WebSocketTransport transport = new WebSocketTransport(ws, endpoint.settings().maxPacketSize());
            MqttSession session = endpoint.newSession(transport);
            transport.attach(session);
            ws.handler(transport::onBytes);
            // §6.0: MQTT is carried in binary frames; a text frame closes the connection.
            ws.textMessageHandler(text -> session.end(Ending.NOT_MQTT, "text frame"));
            ws.closeHandler(v -> {
                session.onClosed();
                transport.release();
            });
            ws.exceptionHandler(error -> endpoint.metrics().connectionError(false));
        }).onFailure(error -> endpoint.metrics().connectionError(false));
    }
}
