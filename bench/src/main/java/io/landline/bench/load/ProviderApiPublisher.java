package io.landline.bench.load;

import io.landline.client.jws.JwsSigner;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends notifications through the APNs-compatible provider API over HTTP/2: one JWT for the
 * run (as APNs providers do), a few multiplexed connections.
 */
final class ProviderApiPublisher implements Publisher {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final HttpClientAgent client;
    private final String authorization;
    private final String topic;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile String lastRefusal = "";

    ProviderApiPublisher(String host, int port, String caFile, String team, String keyId, PrivateKey key, String topic, int connections) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_2).setSsl(true).setUseAlpn(true)
                        .setTrustOptions(new PemTrustOptions().addCertPath(caFile))
                        .setDefaultHost(host).setDefaultPort(port)
                        .setHttp2MultiplexingLimit(1000),
                new PoolOptions().setHttp2MaxSize(connections));
        this.authorization = "bearer " + new JwsSigner(key).sign(Map.of("kid", keyId), Map.of("iss", team, "iat", Instant.now().getEpochSecond()));
        this.topic = topic;
    }

    @Override
    public void send(Fleet.Member device, long intendedNanos) {
        context.runOnContext(v -> post(device, intendedNanos));
    }

    @Override
    public void sendAll(java.util.List<Fleet.Member> devices, long first, long end, long t0, long intervalNanos) {
        context.runOnContext(v -> {
            for (long i = first; i < end; i++) {
                post(devices.get((int) (i % devices.size())), t0 + i * intervalNanos);
            }
        });
    }

    private void post(Fleet.Member device, long intendedNanos) {
        Buffer body = Buffer.buffer(Publisher.payload(intendedNanos));
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/3/device/" + device.token())
                        .putHeader("authorization", authorization).putHeader("apns-topic", topic).putHeader("apns-push-type", "alert"))
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> response.statusCode() == 200 ? "" : response.statusCode() + " " + b))
                .onComplete(outcome -> {
                    if (outcome.succeeded() && outcome.result().isEmpty()) {
                        accepted.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                        lastRefusal = outcome.succeeded() ? outcome.result() : String.valueOf(outcome.cause());
                    }
                });
    }

    @Override
    public long accepted() {
        return accepted.get();
    }

    @Override
    public long refused() {
        return refused.get();
    }

    @Override
    public String lastRefusal() {
        return lastRefusal;
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
