package io.landline.gateway.https;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The HTTPS listener: HTTP/2 (ALPN {@code h2}) and HTTP/1.1 over TLS, serving the
 * gateway's {@link GatewayRoutes}. Deployed once per event loop; Vert.x spreads accepted
 * connections across the instances.
 */
public final class HttpsVerticle extends VerticleBase {

    /** Connections idle this long are closed; providers keep theirs busy or reconnect. */
    static final int IDLE_TIMEOUT_SECONDS = 300;
    /**
     * Streams a provider may have open on one HTTP/2 connection. An answer may wait for a
     * device's PUBACK, so each stream is held for a device round trip; but streams taken in
     * beyond what the node can serve only queue inside it, and a queued notification that
     * misses its delivery wait is stored instead, which costs more: past saturation, 1,000
     * streams per connection made a node store a sixth of what it took. A provider that needs
     * more concurrency opens more connections, as APNs clients do.
     */
    static final long MAX_CONCURRENT_STREAMS = 100;
    /** Time an in-flight request gets to finish when the node drains. */
    static final Duration DRAIN = Duration.ofSeconds(5);

    private final HttpsSettings settings;
    private final Consumer<NetServerOptions> tls;
    private final ConnectionErrors errors;
    private final List<HttpsRoutes> services;
    private HttpServer server;

    /**
     * @param tls applies the node's one TLS setup to the server options
     */
    public HttpsVerticle(HttpsSettings settings, Consumer<NetServerOptions> tls, MeterRegistry registry) {
        this(settings, tls, registry, List.of());
    }

    /**
     * @param services the routes of the services behind this listener (provider API, ...)
     */
    public HttpsVerticle(HttpsSettings settings, Consumer<NetServerOptions> tls, MeterRegistry registry, List<HttpsRoutes> services) {
        this.settings = settings;
        this.tls = tls;
        this.errors = new ConnectionErrors(registry);
        this.services = List.copyOf(services);
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setUseAlpn(true)
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS))
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                // MQTT over WebSocket (MQTT 5 §6.0) negotiates this subprotocol.
                .addWebSocketSubProtocol("mqtt")
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setSslHandshakeTimeout(10)
                .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS);
        tls.accept(options);
        Router router = GatewayRoutes.router(vertx);
        services.forEach(service -> service.mount(vertx, router));
        server = vertx.createHttpServer(options)
                .requestHandler(router)
                .exceptionHandler(errors::count);
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(DRAIN);
    }

    /**
     * Counts connections that end in an error before a request could be served: plain
     * text on the TLS port, refused protocol versions, scanners. Counted, not logged: a
     * scan would otherwise flood the journal.
     */
    static final class ConnectionErrors {
        private final Counter tlsRefused;
        private final Counter other;

        ConnectionErrors(MeterRegistry registry) {
            this.tlsRefused = Counter.builder("landline.https.connection.errors").tag("kind", "tls")
                    .description("HTTPS connections dropped in or before the TLS handshake").register(registry);
            this.other = Counter.builder("landline.https.connection.errors").tag("kind", "other")
                    .description("HTTPS connections dropped for another error").register(registry);
        }

        void count(Throwable error) {
            if (isTls(error)) {
                tlsRefused.increment();
            } else {
                other.increment();
            }
        }

        private static boolean isTls(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof SSLException || t instanceof NotSslRecordException) {
                    return true;
                }
                if (t instanceof DecoderException && t.getCause() == null) {
                    return true;
                }
            }
            return false;
        }
    }
}
