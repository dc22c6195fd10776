package io.landline.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.testkit.TlsClientHello;
import io.landline.tls.TlsSettings.TlsEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.junit5.VertxExtension;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Real handshakes on loopback: a Vert.x NetServer set up by {@link ServerTls}, JDK and hand-built clients. */
@ExtendWith(VertxExtension.class)
class ServerTlsHandshakeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final int ALERT_LEVEL_FATAL = 2;
    private static final int ALERT_PROTOCOL_VERSION = 70; // RFC 5246 §7.2.2

    @TempDir
    Path dataDir;
    private Vertx vertx;

    @BeforeEach
    void vertx(Vertx vertx) {
        this.vertx = vertx;
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"AUTO", "JDK"})
    void acceptsTls13And12ClientsThatVerifyLocalhostAgainstCaPem(TlsEngine engine) throws Exception {
        ServerTls tls = serverTls(engine);
        int port = startEchoServer(tls, ClientAuth.NONE);

        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            try (SSLSocket client = connect(port, "localhost", protocol, tls, null)) {
                assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
                assertEchoes(client);
            }
        }
    }

    static Stream<Arguments> legacyHellos() {
        return Stream.of(
                Arguments.of(TlsEngine.AUTO, TlsClientHello.TLS_1_1),
                Arguments.of(TlsEngine.AUTO, TlsClientHello.TLS_1_0),
                Arguments.of(TlsEngine.JDK, TlsClientHello.TLS_1_1),
                Arguments.of(TlsEngine.JDK, TlsClientHello.TLS_1_0));
    }

    @ParameterizedTest(name = "{0} engine refuses hello version 0x{1}")
    @MethodSource("legacyHellos")
    void legacyHelloGetsAnAlertOrACloseAndTheServerKeepsServing(TlsEngine engine, int version) throws Exception {
        ServerTls tls = serverTls(engine);
        int port = startEchoServer(tls, ClientAuth.NONE);

        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(LOOPBACK, port), TIMEOUT_MILLIS);
            raw.setSoTimeout(TIMEOUT_MILLIS); // a server that neither answers nor closes fails the test here
            raw.getOutputStream().write(TlsClientHello.legacy(version));
            assertRefused(raw.getInputStream());
        }

        try (SSLSocket client = connect(port, "localhost", "TLSv1.3", tls, null)) {
            assertEchoes(client);
        }
    }

    @Test
    void clientCheckingAnotherNameRejectsTheCertificate() throws Exception {
        ServerTls tls = serverTls(TlsEngine.AUTO);
        int port = startEchoServer(tls, ClientAuth.NONE);

        assertThatThrownBy(() -> connect(port, "elsewhere.example", "TLSv1.3", tls, null))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("elsewhere.example");
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"AUTO", "JDK"})
    void requiredClientAuthAcceptsADeviceCertificateAndRefusesNone(TlsEngine engine) throws Exception {
        ServerTls tls = serverTls(engine);
        int port = startEchoServer(tls, ClientAuth.REQUIRED);
        KeyManager[] device = deviceKeyManagers(tls.certificateAuthority());

        try (SSLSocket client = connect(port, "localhost", "TLSv1.3", tls, device)) {
            assertEchoes(client);
        }
        assertThatThrownBy(() -> {
            try (SSLSocket anonymous = connect(port, "localhost", "TLSv1.3", tls, null)) {
                assertEchoes(anonymous); // TLS 1.3: the server's verdict on the client arrives after the client's Finished
            }
        }).isInstanceOf(IOException.class);
    }

    private ServerTls serverTls(TlsEngine engine) {
        return ServerTls.create(new TlsSettings(Optional.empty(), Optional.empty(), engine, List.of()), dataDir);
    }

    private int startEchoServer(ServerTls tls, ClientAuth clientAuth) throws Exception {
        NetServerOptions options = tls.applyTo(new NetServerOptions().setHost(LOOPBACK.getHostAddress()).setPort(0), clientAuth);
        NetServer server = vertx.createNetServer(options).connectHandler(socket -> socket.handler(socket::write));
        return await(server.listen()).actualPort();
    }

    /** A JDK client trusting only ca.pem, with endpoint identification for {@code serverName}. */
    private static SSLSocket connect(int port, String serverName, String protocol, ServerTls tls, KeyManager[] keyManagers) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream caPem = Files.newInputStream(tls.caCertificatePath())) {
            trust.setCertificateEntry("landline-ca", CertificateFactory.getInstance("X.509").generateCertificate(caPem));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers.getTrustManagers(), null);

        Socket raw = new Socket();
        raw.connect(new InetSocketAddress(LOOPBACK, port), TIMEOUT_MILLIS);
        raw.setSoTimeout(TIMEOUT_MILLIS);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, serverName, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(new String[] {protocol});
        socket.setSSLParameters(parameters);
        try {
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private static void assertEchoes(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(PING);
        out.flush();
        byte[] echoed = new byte[PING.length];
        new DataInputStream(socket.getInputStream()).readFully(echoed);
        assertThat(echoed).isEqualTo(PING);
    }

    /**
     * The server's first bytes must be a fatal protocol_version alert record (RFC 5246 §7.2:
     * {@code 15 | version (2) | length (2) | level | description}), or nothing and a close.
     * Both engines answer with the alert today.
     */
    private static void assertRefused(InputStream in) throws IOException {
        int contentType;
        try {
            contentType = in.read();
        } catch (SocketException reset) {
            return; // closed with a reset: refused
        }
        assertThat(contentType).as("first byte of the answer").isIn(-1, TlsClientHello.CONTENT_TYPE_ALERT);
        if (contentType == TlsClientHello.CONTENT_TYPE_ALERT) {
            byte[] rest = new byte[6];
            new DataInputStream(in).readFully(rest);
            assertThat(rest[4]).as("alert level").isEqualTo((byte) ALERT_LEVEL_FATAL);
            assertThat(rest[5]).as("alert description").isEqualTo((byte) ALERT_PROTOCOL_VERSION);
        }
    }

    private static KeyManager[] deviceKeyManagers(CertificateAuthority ca) throws Exception {
        KeyPair device = TestCertificates.p256();
        X509Certificate certificate = ca.signDeviceCertificate(TestCertificates.csr(device, device), "device-7", Duration.ofDays(30));
        char[] password = "test".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("device", device.getPrivate(), password, new Certificate[] {certificate, ca.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
