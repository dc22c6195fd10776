package io.landline.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.testkit.HostileCertificates;
import io.landline.testkit.HostileCertificates.Ca;
import io.landline.testkit.MisencodedCertificate;
import io.landline.tls.TlsSettings.TlsEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.junit5.VertxExtension;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Device certificates that break the profile, each presented by a real JDK TLS 1.3 client on
 * loopback to a listener set up by {@link ServerTls} with client certificates required, on both
 * engines: each is refused in the handshake for its own reason, and a valid device still connects.
 */
@ExtendWith(VertxExtension.class)
class DeviceCertificateHandshakeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;
    private Vertx vertx;
    private ServerTls tls;
    private Ca ca;
    private int port;

    @BeforeEach
    void vertx(Vertx vertx) {
        this.vertx = vertx;
    }

    private void start(TlsEngine engine) throws Exception {
        tls = ServerTls.create(new TlsSettings(Optional.empty(), Optional.empty(), engine, List.of()), dataDir);
        ca = new Ca(tls.certificateAuthority().certificate(), Pem.readPrivateKey(dataDir.resolve("tls").resolve(CertificateAuthority.KEY_FILE)));
        NetServerOptions options = tls.applyTo(new NetServerOptions().setHost(LOOPBACK.getHostAddress()).setPort(0), ClientAuth.REQUIRED);
        NetServer server = vertx.createNetServer(options).connectHandler(socket -> socket.handler(socket::write));
        port = await(server.listen()).actualPort();
    }

    private HostileCertificates.Device device(KeyPair keys) {
        return HostileCertificates.device(ca, keys.getPublic());
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"AUTO", "JDK"})
    void p256DeviceOfTheCaConnectsAndItsReconnectIsRemembered(TlsEngine engine) throws Exception {
        start(engine);
        KeyPair p256 = HostileCertificates.p256();
        X509Certificate certificate = device(p256).build();
        assertConnects(p256, certificate);
        assertConnects(p256, certificate);
        assertThat(tls.deviceCertificateTrust().count(DeviceCertificateCheck.VERIFIED)).isEqualTo(1);
        assertThat(tls.deviceCertificateTrust().count(DeviceCertificateCheck.REMEMBERED)).isEqualTo(1);
    }

    /**
     * Only on the JDK engine: BoringSSL's CertificateRequest does not list ed25519 among its
     * signature_algorithms (RFC 8446 §4.3.2), so a TLS 1.3 client has no scheme for an Ed25519
     * key and sends no certificate; the certificate itself is accepted either way.
     */
    @org.junit.jupiter.api.Test
    void ed25519DeviceOfTheCaConnectsOnTheJdkEngine() throws Exception {
        start(TlsEngine.JDK);
        KeyPair ed25519 = HostileCertificates.ed25519();
        assertConnects(ed25519, device(ed25519).build());
        assertThat(tls.deviceCertificateTrust().count(DeviceCertificateCheck.VERIFIED)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"AUTO", "JDK"})
    void certificateOfAnotherCaWithTheSameNameIsRefused(TlsEngine engine) throws Exception {
        start(engine);
        Ca impostor = HostileCertificates.ca(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()));
        KeyPair keys = HostileCertificates.p256();
        assertRefused(keys, HostileCertificates.device(impostor, keys.getPublic()).build(), DeviceCertificateCheck.OTHER_ISSUER);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"AUTO", "JDK"})
    void expiredAndNotYetValidCertificatesAreRefused(TlsEngine engine) throws Exception {
        start(engine);
        Instant now = Instant.now();
        KeyPair keys = HostileCertificates.p256();
        assertRefused(keys, device(keys).validity(now.minus(Duration.ofDays(2)), now.minusSeconds(60)).build(), DeviceCertificateCheck.EXPIRED);
        assertRefused(keys, device(keys).validity(now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(2))).build(),
                DeviceCertificateCheck.NOT_YET_VALID);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"AUTO", "JDK"})
    void serverAuthCertificateAndCaFlaggedLeafAreRefused(TlsEngine engine) throws Exception {
        start(engine);
        KeyPair keys = HostileCertificates.p256();
        assertRefused(keys, device(keys).purposes(KeyPurposeId.id_kp_serverAuth).build(), DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE);
        assertRefused(keys, device(keys).asCa().build(), DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"AUTO", "JDK"})
    void theCaCertificateWithItsOwnKeyIsRefused(TlsEngine engine) throws Exception {
        start(engine);
        KeyPair caKeys = new KeyPair(ca.certificate().getPublicKey(), ca.key());
        // BoringSSL refuses a leaf without keyUsage digitalSignature before asking the trust manager; the JDK asks it.
        assertThatThrownBy(() -> echo(caKeys, ca.certificate())).isInstanceOf(IOException.class);
        assertThat(tls.deviceCertificateTrust().count(DeviceCertificateCheck.VERIFIED)).isZero();
        if (engine == TlsEngine.JDK) {
            assertThat(tls.deviceCertificateTrust().count(DeviceCertificateCheck.OTHER_ISSUER)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"AUTO", "JDK"})
    void tamperedSignatureIsRefused(TlsEngine engine) throws Exception {
        start(engine);
        KeyPair keys = HostileCertificates.p256();
        assertRefused(keys, HostileCertificates.tamperedSignature(device(keys).build()), DeviceCertificateCheck.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"AUTO", "JDK"})
    void garbageInsteadOfACertificateIsRefusedBeforeTheTrustDecision(TlsEngine engine) throws Exception {
        start(engine);
        KeyPair keys = HostileCertificates.p256();
        X509Certificate real = device(keys).build();
        byte[] garbage = Arrays.copyOf(real.getEncoded(), real.getEncoded().length);
        garbage[1] = (byte) 0x85; // a five-byte length: no certificate parser reads past this
        assertThatThrownBy(() -> echo(keys, new MisencodedCertificate(real, garbage))).isInstanceOf(IOException.class);
        for (DeviceCertificateCheck outcome : DeviceCertificateCheck.values()) {
            assertThat(tls.deviceCertificateTrust().count(outcome)).as(outcome.tag()).isZero();
        }
        assertConnects(keys, real);
    }

    private void assertRefused(KeyPair keys, X509Certificate certificate, DeviceCertificateCheck reason) throws Exception {
        long before = tls.deviceCertificateTrust().count(reason);
        assertThatThrownBy(() -> echo(keys, certificate)).isInstanceOf(IOException.class);
        assertThat(tls.deviceCertificateTrust().count(reason)).as(reason.tag()).isEqualTo(before + 1);
    }

    private void assertConnects(KeyPair keys, X509Certificate certificate) throws Exception {
        echo(keys, certificate);
    }

    /** TLS 1.3 with {@code certificate}; the server's verdict on it arrives after the client's Finished, so the echo decides. */
    private void echo(KeyPair keys, X509Certificate certificate) throws Exception {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(LOOPBACK, port), TIMEOUT_MILLIS);
            raw.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket socket = (SSLSocket) context(keys, certificate).getSocketFactory().createSocket(raw, "localhost", port, true)) {
                socket.setEnabledProtocols(new String[] {"TLSv1.3"});
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(PING);
                out.flush();
                byte[] echoed = new byte[PING.length];
                new DataInputStream(socket.getInputStream()).readFully(echoed);
                assertThat(echoed).isEqualTo(PING);
            }
        }
    }

    private SSLContext context(KeyPair keys, X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new FixedKey(keys, certificate)}, trustManagers.getTrustManagers(), null);
        return context;
    }

    /** Presents {@code certificate} whatever the server asks for, as a broken or hostile device would. */
    private static final class FixedKey extends X509ExtendedKeyManager {

        private final KeyPair keys;
        private final X509Certificate certificate;

        FixedKey(KeyPair keys, X509Certificate certificate) {
            this.keys = keys;
            this.certificate = certificate;
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"device"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
            return "device";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, SSLEngine engine) {
            return "device";
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {certificate};
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return keys.getPrivate();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
