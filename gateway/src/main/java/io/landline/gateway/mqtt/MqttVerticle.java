package io.landline.gateway.mqtt;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.ssl.NotSslRecordException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.core.spi.metrics.TransportMetrics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The MQTT over TLS listener of one event loop: a Vert.x {@link NetServer} with TLS client
 * certificates required and ALPN {@code mqtt} offered (clients without ALPN are served too),
 * and Netty's MQTT decoder put into each connection's pipeline before our {@link TcpTransport}
 * (which encodes what it writes). Deployed once per
 * event loop; Vert.x spreads accepted connections across the instances.
 */
public final class MqttVerticle extends VerticleBase {

    /** ALPN protocol name of MQTT (IANA "mqtt"). */
    public static final String ALPN = "mqtt";
    static final String DECODER = "mqttDecoder";
    static final String TRANSPORT = "mqttTransport";
    /** Names Vert.x gives its handlers in a server connection's pipeline. */
    private static final String VERTX_HANDLER = "handler";
    private static final String VERTX_CHUNKED_WRITER = "chunkedWriter";
    /** Longest a device may take for the TLS handshake. */
    static final int HANDSHAKE_TIMEOUT_SECONDS = 10;
    /** Longest a ClientID the decoder reads; longer ones are refused with 0x85 before any other work. */
    static final int MAX_CLIENT_ID_LENGTH = 128;

    private final MqttEndpoint endpoint;
    private final Consumer<NetServerOptions> tls;
    /** One for every connection of this listener, rather than a method reference made per connection. */
    private final Consumer<Throwable> errors = this::countError;
    private NetServer server;
    private SessionSweep sweep;

    MqttVerticle(MqttEndpoint endpoint, Consumer<NetServerOptions> tls) {
        this.endpoint = endpoint;
        this.tls = tls;
    }

    @Override
    public Future<?> start() {
        NetServerOptions options = new NetServerOptions()
                .setHost(endpoint.settings().host())
                .setPort(endpoint.settings().port())
                .setSslHandshakeTimeout(HANDSHAKE_TIMEOUT_SECONDS)
                .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS);
        tls.accept(options);
        options.setClientAuth(ClientAuth.REQUIRED);
        options.setUseAlpn(true);
        options.getSslOptions().setApplicationLayerProtocols(List.of(ALPN));
        sweep = endpoint.sweepOf(context);
        server = vertx.createNetServer(options)
                .connectHandler(socket -> accept((NetSocketInternal) socket))
                .exceptionHandler(errors::accept);
        return server.listen();
    }

    /**
     * Vert.x has finished the TLS handshake and put its socket handler last in the pipeline; the
     * MQTT decoder and our {@link TcpTransport} take its place, so the connection keeps none of
     * the Vert.x socket's queues and handlers (the socket object Vert.x made is dropped here).
     */
    private void accept(NetSocketInternal socket) {
        ChannelPipeline pipeline = socket.channelHandlerContext().pipeline();
        TcpTransport transport = new TcpTransport(pipeline.channel(), (ContextInternal) context, errors);
        int maxPacket = endpoint.settings().maxPacketSize();
        pipeline.addBefore(VERTX_HANDLER, DECODER, new MqttDecoder(maxPacket, MAX_CLIENT_ID_LENGTH));
        if (pipeline.get(VERTX_CHUNKED_WRITER) != null) {
            pipeline.remove(VERTX_CHUNKED_WRITER); // only for file transfers, which MQTT never does; it keeps a queue per connection
        }
        transport.attach(endpoint.newSession(transport));
        if (socket instanceof VertxConnection connection && connection.metrics() instanceof TransportMetrics<?> metrics) {
            @SuppressWarnings("unchecked")
            TransportMetrics<Object> meter = (TransportMetrics<Object>) metrics;
            transport.reportCloseTo(meter, connection.metric());
        }
        pipeline.replace(VERTX_HANDLER, TRANSPORT, transport);
    }

    private void countError(Throwable error) {
        boolean tls = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof NotSslRecordException || (t instanceof DecoderException && t.getCause() == null)) {
                tls = true;
                break;
            }
        }
        endpoint.metrics().connectionError(tls);
    }

    @Override
    public Future<?> stop() {
        if (sweep != null) {
            sweep.stop();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }
}
