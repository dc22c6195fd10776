package io.landline.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.landline.tls.TlsSettings.TlsEngine;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsSetupTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path operatorDir;
    private Path certificate;
    private Path sec1Key;
    private Path otherKey;

    /** An operator's own certificate (from another CA), with its key in SEC1 form as openssl writes it. */
    @BeforeEach
    void operatorFiles() throws Exception {
        CertificateAuthority corporate = CertificateAuthority.loadOrCreate(operatorDir.resolve("corporate"), Clock.systemUTC());
        KeyPair pair = TestCertificates.p256();
        X509Certificate leaf = corporate.issueServerCertificate(List.of("push.example.com"), pair, Duration.ofDays(90));
        certificate = operatorDir.resolve("push.pem");
        Pem.writeCertificates(certificate, List.of(leaf, corporate.certificate()));
        sec1Key = operatorDir.resolve("push.key");
        Files.writeString(sec1Key, TestCertificates.sec1Pem(pair));
        otherKey = operatorDir.resolve("other.key");
        Pem.writePrivateKey(otherKey, TestCertificates.p256().getPrivate());
    }

    @Test
    void withoutConfiguredFilesTheGeneratedOnesAreUsed() throws Exception {
        ServerTls tls = ServerTls.create(settings(Optional.empty(), Optional.empty(), TlsEngine.AUTO), dataDir);

        Path tlsDir = dataDir.resolve("tls");
        assertThat(tls.certificatePath()).isEqualTo(tlsDir.resolve("server.pem"));
        assertThat(tls.keyPath()).isEqualTo(tlsDir.resolve("server.key"));
        assertThat(tls.caCertificatePath()).isEqualTo(tlsDir.resolve("ca.pem"));
        assertThat(tls.certificateAuthority().certificate()).isEqualTo(TestCertificates.jdkRead(tls.caCertificatePath()).get(0));
        TestCertificates.assertChainsTo(tls.certificate(), tls.certificateAuthority().certificate(), java.time.Instant.now());
    }

    @Test
    void reissueForANewNameKeepsTheCa() throws Exception {
        ServerTls first = ServerTls.create(settings(Optional.empty(), Optional.empty(), TlsEngine.AUTO), dataDir);
        ServerTls second = ServerTls.create(new TlsSettings(Optional.empty(), Optional.empty(), TlsEngine.AUTO, List.of("relay.example.com")), dataDir);

        assertThat(second.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
        assertThat(second.certificateAuthority().fingerprint()).isEqualTo(first.certificateAuthority().fingerprint());
    }

    @Test
    void configuredCertificateWithSec1KeyIsUsedAndTheCaStillExists() throws Exception {
        ServerTls tls = ServerTls.create(settings(Optional.of(certificate), Optional.of(sec1Key), TlsEngine.AUTO), dataDir);

        assertThat(tls.certificatePath()).isEqualTo(certificate);
        assertThat(tls.certificate()).isEqualTo(TestCertificates.jdkRead(certificate).get(0));
        assertThat(tls.caCertificatePath()).exists();
        assertThat(dataDir.resolve("tls/server.pem")).doesNotExist();
    }

    @Test
    void autoPicksOpenSslWhenTcnativeLoadsAndJdkIsJdk() {
        assumeThat(OpenSSLEngineOptions.isAvailable()).isTrue();

        assertThat(ServerTls.create(settings(Optional.empty(), Optional.empty(), TlsEngine.AUTO), dataDir).engineName()).isEqualTo("OpenSSL (BoringSSL)");
        assertThat(ServerTls.create(settings(Optional.empty(), Optional.empty(), TlsEngine.OPENSSL), dataDir).engineName()).isEqualTo("OpenSSL (BoringSSL)");
        assertThat(ServerTls.create(settings(Optional.empty(), Optional.empty(), TlsEngine.JDK), dataDir).engineName()).isEqualTo("JDK");
    }

    @Test
    void autoFallsBackToTheJdkWhenOpenSslIsMissing() {
        assertThat(ServerTls.Engine.choose(TlsEngine.AUTO, false).options()).isInstanceOf(JdkSSLEngineOptions.class);
    }

    @Test
    void openSslDemandedButMissingFailsClearly() {
        assertThatThrownBy(() -> ServerTls.Engine.choose(TlsEngine.OPENSSL, false))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("TLS engine OPENSSL is unavailable on this platform (netty-tcnative BoringSSL did not load: ")
                .hasMessageEndingWith("); use AUTO or JDK")
                .satisfies(TestCertificates::assertSingleLine);
    }

    @Test
    void appliesTlsThirteenAndTwelveOnlyWithTheChosenEngine() {
        ServerTls tls = ServerTls.create(settings(Optional.empty(), Optional.empty(), TlsEngine.JDK), dataDir);

        HttpServerOptions options = tls.applyTo(new HttpServerOptions());

        assertThat(options.isSsl()).isTrue();
        assertThat(options.getEnabledSecureTransportProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(options.getSslEngineOptions()).isInstanceOf(JdkSSLEngineOptions.class);
        assertThat(options.getClientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(options.getTrustOptions()).isNull();
    }

    @Test
    void clientAuthTrustsExactlyTheApplianceCa() throws Exception {
        ServerTls tls = ServerTls.create(settings(Optional.empty(), Optional.empty(), TlsEngine.AUTO), dataDir);

        NetServerOptions options = tls.applyTo(new NetServerOptions(), ClientAuth.REQUIRED);

        assertThat(options.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
        var managers = options.getTrustOptions().getTrustManagerFactory(null).getTrustManagers();
        assertThat(managers).containsExactly(tls.deviceCertificateTrust());
        assertThat(tls.deviceCertificateTrust().getAcceptedIssuers()).containsExactly(Pem.readCertificates(tls.caCertificatePath()).get(0));
    }

    @Test
    void openSslListenersShareOneCachedServerKeyAndPresentTheConfiguredChain() throws Exception {
        assumeThat(OpenSSLEngineOptions.isAvailable()).isTrue();
        ServerTls tls = ServerTls.create(settings(Optional.of(certificate), Optional.of(sec1Key), TlsEngine.AUTO), dataDir);

        KeyManagerFactory first = tls.applyTo(new NetServerOptions(), ClientAuth.REQUIRED).getKeyCertOptions().getKeyManagerFactory(null);
        KeyManagerFactory second = tls.applyTo(new HttpServerOptions()).getKeyCertOptions().getKeyManagerFactory(null);

        // Netty parses the key into BoringSSL once for a caching factory, and again in every handshake for any other.
        assertThat(first).isInstanceOf(OpenSslCachingX509KeyManagerFactory.class).isSameAs(second);
        X509KeyManager keys = (X509KeyManager) first.getKeyManagers()[0];
        String alias = keys.chooseServerAlias("EC", null, null);
        assertThat(keys.getCertificateChain(alias)).containsExactlyElementsOf(Pem.readCertificates(certificate));
        assertThat(((ECPrivateKey) keys.getPrivateKey(alias)).getS()).isEqualTo(((ECPrivateKey) Pem.readPrivateKey(sec1Key)).getS());
        assertThat(ServerTls.create(settings(Optional.of(certificate), Optional.of(sec1Key), TlsEngine.JDK), dataDir)
                .applyTo(new NetServerOptions()).getKeyCertOptions().getKeyManagerFactory(null))
                .isNotInstanceOf(OpenSslCachingX509KeyManagerFactory.class);
    }

    // --- misconfigured files: one line naming the file and the problem ---

    @Test
    void missingCertificateFile() {
        Path missing = operatorDir.resolve("nope.pem");
        assertSetupFails(missing, sec1Key, missing + ": no such file");
    }

    @Test
    void certificateFileWithoutPem() throws Exception {
        Path garbage = Files.writeString(operatorDir.resolve("garbage.pem"), "hello\nworld\n");
        assertSetupFails(garbage, sec1Key, garbage + ": no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
    }

    @Test
    void certificateFileWithBrokenBase64() throws Exception {
        Path broken = Files.writeString(operatorDir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIB!!!!not base64\n-----END CERTIFICATE-----\n");
        assertSetupFails(broken, sec1Key, broken + ": malformed PEM certificate: ");
    }

    @Test
    void keyGivenAsCertificate() {
        assertSetupFails(sec1Key, sec1Key, sec1Key + ": holds a private key but no certificate");
    }

    @Test
    void certificateGivenAsKey() {
        assertSetupFails(certificate, certificate, certificate + ": holds a certificate but no private key");
    }

    @Test
    void keyOfAnotherCertificate() {
        assertSetupFails(certificate, otherKey, otherKey + ": does not match the certificate in " + certificate
                + " (the first certificate must be the one for this key)");
    }

    @Test
    void encryptedKey() throws Exception {
        Path encrypted = operatorDir.resolve("encrypted.key");
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(Pem.readPrivateKey(sec1Key),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword("secret".toCharArray()).build()));
        }
        Files.writeString(encrypted, text.toString());
        assertSetupFails(certificate, encrypted, encrypted + ": the private key is encrypted; give an unencrypted key"
                + " (e.g. openssl pkey -in encrypted.key -out plain.key)");
    }

    @Test
    void directoryInsteadOfFile() {
        assertSetupFails(operatorDir, sec1Key, operatorDir + ": is a directory, not a PEM file");
    }

    @Test
    void unreadableKey() throws Exception {
        Files.setPosixFilePermissions(sec1Key, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(sec1Key)).as("running as root reads anything").isFalse();
        assertSetupFails(certificate, sec1Key, sec1Key + ": not readable (permission denied)");
    }

    @Test
    void certificateWithoutKey() {
        assertThatThrownBy(() -> ServerTls.create(settings(Optional.of(certificate), Optional.empty(), TlsEngine.AUTO), dataDir))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage(certificate + ": a certificate needs its key and a key its certificate; configure both or neither");
    }

    private void assertSetupFails(Path certificateFile, Path keyFile, String messageStart) {
        assertThatThrownBy(() -> ServerTls.create(settings(Optional.of(certificateFile), Optional.of(keyFile), TlsEngine.AUTO), dataDir))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(TestCertificates::assertSingleLine);
    }

    private static TlsSettings settings(Optional<Path> certificate, Optional<Path> key, TlsEngine engine) {
        return new TlsSettings(certificate, key, engine, List.of());
    }
}
