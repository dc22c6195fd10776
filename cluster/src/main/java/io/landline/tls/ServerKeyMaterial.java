package io.landline.tls;

import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;

/**
 * The server's certificate chain and key as the key manager every listener's TLS context uses.
 *
 * <p>For the OpenSSL engine the factory is Netty's caching one: Netty asks the key manager for
 * the server's key material in every handshake (from BoringSSL's certificate callback), and with
 * a plain factory it encodes the chain and the key to PEM in Java and has BoringSSL parse them
 * again, each time, which cost more CPU than the handshake's own server signature. Cached, the
 * chain and key are parsed into BoringSSL once and every handshake takes a reference. The chain
 * and key never change while the node runs ({@link ServerTls} reads them once), so nothing is
 * lost by caching. The JDK's {@code SunX509} key manager is used because its aliases are stable;
 * Netty refuses to cache the {@code NewSunX509} one, whose aliases change between calls.
 */
final class ServerKeyMaterial {

    private static final String ALIAS = "server";
    private static final String KEY_MANAGER_ALGORITHM = "SunX509";

    private ServerKeyMaterial() {
    }

    /**
     * @param chain   the server certificate first, then its issuers
     * @param key     the server certificate's private key, checked to match before
     * @param openSsl whether the OpenSSL engine will use it (then Netty caches the native key material)
     */
    static KeyManagerFactory keyManagers(List<X509Certificate> chain, PrivateKey key, boolean openSsl) {
        try {
            // Kept in memory only; the store's password protects nothing outside this method.
            char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KEY_MANAGER_ALGORITHM);
            factory.init(store, password);
            return openSsl ? new OpenSslCachingX509KeyManagerFactory(factory) : factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("cannot load the server key into a key manager: " + TlsSetupException.reason(e));
        }
    }
}
