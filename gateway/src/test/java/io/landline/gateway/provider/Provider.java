package io.landline.gateway.provider;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A provider for tests: the JDK's HTTP/2 client, trusting the node's CA, signing with one key. */
final class Provider {

    private final HttpClient http;
    private final PushNode node;
    private final String jwt;

    Provider(PushNode node, KeyPair key, String team, String keyId) throws Exception {
        this.node = node;
        this.http = trusting(node.caPem());
        this.jwt = PushNode.jwt(key, team, keyId, Instant.now());
    }

    /** POST /3/device/{token} with {@code headers} (name, value, ...). */
    HttpResponse<String> push(String token, String payload, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url("/3/device/" + token)))
                .timeout(Duration.ofSeconds(10))
                .header("authorization", "bearer " + jwt)
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> receipt(String apnsId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url("/3/notifications/" + apnsId)))
                .timeout(Duration.ofSeconds(10)).header("authorization", "bearer " + jwt).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpClient trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
