package io.landline.client.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends notifications to a Landline gateway over HTTP/2 exactly as to APNs
 * ({@code POST /3/device/<token>} with a bearer provider token), and reads delivery receipts
 * ({@code GET /3/notifications/<apns-id>}). Thread-safe; one client per gateway.
 */
public final class ProviderClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final ProviderToken token;

    /** {@code base} like {@code https://push.example.net}; {@code caFile} the appliance CA (PEM), or empty for the system's trust store. */
    public ProviderClient(URI base, Optional<Path> caFile, ProviderToken token) {
        this.base = base;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(10));
        caFile.ifPresent(ca -> builder.sslContext(trusting(ca)));
        this.http = builder.build();
    }

    public CompletableFuture<PushResponse> send(PushRequest push) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/3/device/" + push.deviceToken()))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "bearer " + token.current())
                .header("apns-topic", push.topic())
                .header("apns-push-type", push.pushType())
                .header("apns-priority", Integer.toString(push.priority()))
                .POST(HttpRequest.BodyPublishers.ofString(push.payload()));
        push.expiration().ifPresent(e -> request.header("apns-expiration", Long.toString(e.getEpochSecond())));
        push.collapseId().ifPresent(id -> request.header("apns-collapse-id", id));
        push.apnsId().ifPresent(id -> request.header("apns-id", id.toString()));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(ProviderClient::response);
    }

    /** The receipt of a notification this team sent: its status and times as JSON, or empty if the gateway does not know it. */
    public CompletableFuture<Optional<JsonNode>> receipt(String apnsId) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/3/notifications/" + apnsId))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "bearer " + token.current())
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("receipt " + apnsId + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return Optional.of(parse(r.body()));
        });
    }

    private static PushResponse response(HttpResponse<String> r) {
        String apnsId = r.headers().firstValue("apns-id").orElse("");
        if (r.statusCode() == 200) {
            return new PushResponse(200, apnsId, Optional.empty(), Optional.empty());
        }
        JsonNode body = parse(r.body());
        Optional<String> reason = Optional.ofNullable(body.get("reason")).map(JsonNode::asText);
        Optional<Long> timestamp = Optional.ofNullable(body.get("timestamp")).map(JsonNode::asLong);
        return new PushResponse(r.statusCode(), apnsId, reason, timestamp);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot trust " + caFile + ": " + e.getMessage(), e);
        }
    }
}
