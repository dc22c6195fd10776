package io.landline.gateway.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.TransportMetrics;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * MQTT over TLS: the last handler of the connection's Netty pipeline, after the TLS handler and
 * the MQTT decoder and encoder, and the session's way out. It takes the place of the Vert.x
 * socket Vert.x puts there, whose per-connection message queues, write queue and handlers were
 * the largest share of an idle connection's heap: decoded packets go to the session on its
 * Vert.x context, packets are encoded here with Netty's MQTT encoder, called in place rather
 * than as a pipeline handler of its own (one handler context less per connection), and written
 * and flushed below this handler.
 *
 * <p>All methods run on the channel's event loop, which is the session's context's.
 */
final class TcpTransport extends ChannelInboundHandlerAdapter implements Transport, Handler<Object> {

    private final Channel channel;
    private final ContextInternal context;
    private final Consumer<Throwable> errors;
    /** This handler's place in the pipeline, where packets are written from. */
    private ChannelHandlerContext ctx;
    private MqttSession session;
    /** Vert.x's meter of this connection (its TCP metrics SPI), told of the close the Vert.x socket would have reported; null without metrics. */
    private TransportMetrics<Object> vertxMetrics;
    private Object vertxMetric;
    private boolean paused;
    /** Packets decoded while paused (the rest of a read, after the CONNECT); null while none wait, as nearly always. */
    private ArrayDeque<Object> held;

    TcpTransport(Channel channel, ContextInternal context, Consumer<Throwable> errors) {
        this.channel = channel;
        this.context = context;
        this.errors = errors;
    }

    void attach(MqttSession session) {
        this.session = session;
    }

    /** Takes over the Vert.x socket's connection meter, so {@code vertx_net_server_active_connections} falls at close. */
    void reportCloseTo(TransportMetrics<Object> metrics, Object metric) {
        this.vertxMetrics = metrics;
        this.vertxMetric = metric;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    // ---- inbound, from the pipeline ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (paused || held != null) {
            hold(msg);
        } else {
            context.emit(msg, this);
        }
    }

    /** One packet, on the session's context (so futures it creates complete there); the session releases it. */
    @Override
    public void handle(Object msg) {
        session.onMessage(msg);
    }

    private void hold(Object msg) {
        if (held == null) {
            held = new ArrayDeque<>(2);
        }
        held.add(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        if (vertxMetrics != null && channel.remoteAddress() instanceof InetSocketAddress remote) {
            vertxMetrics.disconnected(vertxMetric, SocketAddress.inetSocketAddress(remote));
            vertxMetrics = null;
        }
        context.emit(null, closed -> session.onClosed());
    }

    /** Whatever fails under the connection (TLS, I/O) is counted and closes it, as the Vert.x socket did. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.accept(cause);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        ReferenceCountUtil.release(event); // Vert.x's shutdown notice and the like: the drain decides how devices go
    }

    private void releaseHeld() {
        if (held != null) {
            for (Object msg; (msg = held.poll()) != null; ) {
                ReferenceCountUtil.release(msg);
            }
            held = null;
        }
    }

    // ---- Transport, for the session ----

    @Override
    public MqttMetrics.Transport kind() {
        return MqttMetrics.Transport.TCP;
    }

    @Override
    public void write(MqttMessage message) {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(message); // a packet racing the close: nothing to count, the close is
            return;
        }
        send(message, ctx.voidPromise());
    }

    /**
     * Encodes and writes {@code message} below this handler and flushes. The encoder releases the
     * message; a failure (only a packet of ours that cannot be encoded) fails {@code promise}, and
     * the void promise passes it on to {@link #exceptionCaught}, which closes the connection.
     */
    private void send(MqttMessage message, ChannelPromise promise) {
        try {
            MqttEncoder.INSTANCE.write(ctx, message, promise);
        } catch (Exception e) {
            promise.tryFailure(e);
        }
        ctx.flush();
    }

    @Override
    public Future<Void> writeAndClose(MqttMessage message) {
        Promise<Void> closed = context.promise();
        if (message == null) {
            channel.close().addListener(done -> closed.tryComplete());
        } else {
            // Closed once the packet is written, so the device reads its reason code before the close.
            ChannelPromise written = ctx.newPromise();
            written.addListener(w -> channel.close().addListener(done -> closed.tryComplete()));
            send(message, written);
        }
        return closed.future();
    }

    @Override
    public void pause() {
        paused = true;
        channel.config().setAutoRead(false);
    }

    @Override
    public void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        while (!paused && held != null) {
            Object msg = held.poll();
            if (held.isEmpty()) {
                held = null;
            }
            session.onMessage(msg);
        }
        if (!paused && channel.isActive()) {
            channel.config().setAutoRead(true);
        }
    }

    /**
     * The CN of the leaf the device presented, read from our own parse of its DER: the OpenSSL
     * session keeps its peer certificates for the connection's life as DER wrappers that parse
     * themselves on first use and keep the parsed form, about 1 KB of heap per idle connection
     * that nothing needs after CONNECT.
     */
    @Override
    public Optional<String> clientCertificateCommonName() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                return Optional.empty();
            }
            return CertificateCommonName.of(chain[0].getEncoded());
        } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public String remote() {
        return String.valueOf(channel.remoteAddress());
    }
}
