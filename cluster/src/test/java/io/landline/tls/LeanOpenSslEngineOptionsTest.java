package io.landline.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.landline.tls.TlsSettings.TlsEngine;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.junit5.VertxExtension;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenSSL engine's small per-connection BIO buffer: set on every context, and handshakes larger than it complete. */
@ExtendWith(VertxExtension.class)
class LeanOpenSslEngineOptionsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;
    private Vertx vertx;

    @BeforeEach
    void openSsl(Vertx vertx) {
        assumeThat(OpenSSLEngineOptions.isAvailable()).as("netty-tcnative BoringSSL loads here").isTrue();
        this.vertx = vertx;
    }

    @Test
    void serverContextsItBuildsKeepTheSmallNonApplicationBuffer() throws Exception {
        ServerTls tls = serverTls();
        KeyManagerFactory keys = keyManagers(tls.certificateAuthority(), "server");

        SslContext context = new LeanOpenSslEngineOptions().sslContextFactory()
                .forServer(io.netty.handler.ssl.ClientAuth.REQUIRE)
                .keyMananagerFactory(keys)
                .enabledProtocols(Set.copyOf(ServerTls.PROTOCOLS))
                .create();
        try {
            assertThat(context).isInstanceOf(ReferenceCountedOpenSslContext.class);
            assertThat(((ReferenceCountedOpenSslContext) context).getBioNonApplicationBufferSize())
                    .isEqualTo(LeanOpenSslEngineOptions.NON_APPLICATION_BUFFER_BYTES);
        } finally {
            io.netty.util.ReferenceCountUtil.release(context);
        }
    }

    @Test
    void copiesStayLean() {
        OpenSSLEngineOptions options = new LeanOpenSslEngineOptions().copy();

        assertThat(options).isInstanceOf(LeanOpenSslEngineOptions.class);
        assertThat(ServerTls.create(new TlsSettings(Optional.empty(), Optional.empty(), TlsEngine.OPENSSL, List.of()), dataDir)
                .applyTo(new NetServerOptions()).getSslEngineOptions()).isInstanceOf(LeanOpenSslEngineOptions.class);
    }

    /**
     * The server's flight (certificate, CertificateRequest, signature) is several times the
     * buffer, and with TLS 1.3 it is written while the server reads the ClientHello, that is
     * into the buffer: the engine must pass it on in pieces.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakesWithFlightsLargerThanTheBufferCompleteWithClientCertificates(String protocol) throws Exception {
        ServerTls tls = serverTls();
        assertThat(tls.certificate().getEncoded().length).isGreaterThan(LeanOpenSslEngineOptions.NON_APPLICATION_BUFFER_BYTES);
        NetServerOptions options = tls.applyTo(new NetServerOptions().setHost(LOOPBACK.getHostAddress()).setPort(0), ClientAuth.REQUIRED);
        NetServer server = vertx.createNetServer(options).connectHandler(socket -> socket.handler(socket::write));
        int port = await(server.listen()).actualPort();

        for (int i = 0; i < 3; i++) {
            try (SSLSocket client = connect(port, protocol, tls)) {
                assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
                OutputStream out = client.getOutputStream();
                out.write(PING);
                out.flush();
                byte[] echoed = new byte[PING.length];
                new DataInputStream(client.getInputStream()).readFully(echoed);
                assertThat(echoed).isEqualTo(PING);
            }
        }
    }

    private ServerTls serverTls() {
        return ServerTls.create(new TlsSettings(Optional.empty(), Optional.empty(), TlsEngine.OPENSSL, List.of()), dataDir);
    }

    private static SSLSocket connect(int port, String protocol, ServerTls tls) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream caPem = Files.newInputStream(tls.caCertificatePath())) {
            trust.setCertificateEntry("landline-ca", CertificateFactory.getInstance("X.509").generateCertificate(caPem));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(tls.certificateAuthority(), "device-7").getKeyManagers(), trustManagers.getTrustManagers(), null);
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress(LOOPBACK, port), 5_000);
        raw.setSoTimeout(5_000);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, "localhost", port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** A device certificate of {@code ca} with its key; the server test uses one as its key material too. */
    private static KeyManagerFactory keyManagers(CertificateAuthority ca, String name) throws Exception {
        KeyPair key = TestCertificates.p256();
        X509Certificate certificate = ca.signDeviceCertificate(TestCertificates.csr(key, key), name, Duration.ofDays(30));
        char[] password = "test".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(name, key.getPrivate(), password, new Certificate[] {certificate, ca.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
