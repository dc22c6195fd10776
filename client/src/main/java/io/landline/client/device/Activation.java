package io.landline.client.device;

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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Activates devices against one node: {@code POST /v1/activate} with the device's CSR, over
 * TLS that trusts exactly the given CA file (the node's {@code ca.pem}).
 */
public final class Activation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI activate;
    private final HttpClient http;

    private Activation(URI activate, HttpClient http) {
        this.activate = activate;
        this.http = http;
    }

    /**
     * @param base   the node's HTTPS address, e.g. {@code https://push.example.net}
     * @param caFile PEM certificates the node's server certificate must chain to
     */
    public static Activation to(URI base, Path caFile) throws IOException {
        return new Activation(base.resolve("/v1/activate"), HttpClient.newBuilder()
                .sslContext(trusting(caFile))
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(TIMEOUT)
                .build());
    }

    /**
     * Sends {@code identity}'s CSR with {@code credential}.
     *
     * @throws ActivationException when the node refuses, with its status and reason
     */
    public ActivatedDevice activate(DeviceIdentity identity, ActivationCredential credential)
            throws IOException, InterruptedException, ActivationException {
        HttpRequest.Builder request = HttpRequest.newBuilder(activate)
                .timeout(TIMEOUT)
                .header("content-type", "application/pkcs10")
                .POST(HttpRequest.BodyPublishers.ofString(identity.certificationRequestPem()));
        if (credential instanceof ActivationCredential.Invite invite) {
            request.header("landline-invite", invite.code());
        } else if (credential instanceof ActivationCredential.Enrollment enrollment) {
            request.header("authorization", "Bearer " + enrollment.token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json(response.body());
        if (response.statusCode() != 201) {
            Optional<Duration> retryAfter = response.headers().firstValue("retry-after")
                    .filter(v -> v.matches("[0-9]{1,9}")).map(v -> Duration.ofSeconds(Long.parseLong(v)));
            throw new ActivationException(response.statusCode(), body.path("reason").asText("unknown"), retryAfter);
        }
        String token = body.path("token").asText("");
        if (!token.matches("[0-9a-f]{64}")) {
            throw new IOException("activation answer has no device token");
        }
        return new ActivatedDevice(token, body.path("certificate").asText(), body.path("ca").asText(), identity.privateKey());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static SSLContext trusting(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, certificate);
            }
            if (i == 0) {
                throw new IOException(caFile + " holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + caFile + ": " + e.getMessage(), e);
        }
    }
}
