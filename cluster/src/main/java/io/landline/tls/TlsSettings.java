package io.landline.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one TLS setup shared by every listener of a node.
 *
 * @param certificate PEM certificate chain (leaf first); empty: generated under {@code <data-dir>/tls}
 * @param key         PEM private key of the leaf; set exactly when {@code certificate} is
 * @param engine      which TLS implementation to use
 * @param serverNames extra DNS names and IP addresses for the generated server certificate
 */
public record TlsSettings(Optional<Path> certificate, Optional<Path> key, TlsEngine engine, List<String> serverNames) {

    public TlsSettings {
        serverNames = List.copyOf(serverNames);
    }

    /** The TLS implementation choice. */
    public enum TlsEngine {
        /** OpenSSL (BoringSSL through netty-tcnative) when it loads, else the JDK's. */
        AUTO,
        /** OpenSSL only: refuse to start without it. */
        OPENSSL,
        /** The JDK's own SSLEngine. */
        JDK
    }
}
