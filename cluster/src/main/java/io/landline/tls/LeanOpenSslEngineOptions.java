package io.landline.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Vert.x's OpenSSL (BoringSSL) engine with a smaller native buffer per connection.
 *
 * <p>netty-tcnative gives every connection's BIO a buffer of its own, {@code malloc}ed when the
 * engine is made and kept for the connection's life, for the TLS records BoringSSL writes while
 * no output buffer of Netty's is attached: handshake flights produced while reading, alerts,
 * post-handshake messages. Application data never passes through it (records are written
 * straight into Netty's buffers), so on a connection that idles for hours it is 2 KiB of native
 * memory (Netty's default) doing nothing. With {@value #NON_APPLICATION_BUFFER_BYTES} bytes a
 * larger flight is not lost: BoringSSL keeps the rest in its own write buffer, which it frees
 * once flushed, and the engine asks to be wrapped again until it is out (one more pass through
 * the engine per extra {@value #NON_APPLICATION_BUFFER_BYTES} bytes of a handshake flight, no
 * extra round trip). It holds any alert or TLS 1.3 post-handshake record whole.
 */
final class LeanOpenSslEngineOptions extends OpenSSLEngineOptions {

    /** Bytes of the per-connection non-application BIO buffer (Netty's default: 2048). */
    static final int NON_APPLICATION_BUFFER_BYTES = 256;

    LeanOpenSslEngineOptions() {
    }

    private LeanOpenSslEngineOptions(LeanOpenSslEngineOptions other) {
        super(other);
    }

    @Override
    public LeanOpenSslEngineOptions copy() {
        return new LeanOpenSslEngineOptions(this);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new LeanFactory(super.sslContextFactory());
    }

    /** Vert.x's own factory, with the buffer size set on each context it builds. */
    private static final class LeanFactory implements SslContextFactory {
        private final SslContextFactory delegate;

        LeanFactory(SslContextFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public SslContext create() throws SSLException {
            SslContext context = delegate.create();
            if (context instanceof ReferenceCountedOpenSslContext openSsl) {
                openSsl.setBioNonApplicationBufferSize(NON_APPLICATION_BUFFER_BYTES);
            }
            return context;
        }

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            delegate.useAlpn(useAlpn);
            return this;
        }

        @Override
        public SslContextFactory forServer(ClientAuth clientAuth) {
            delegate.forServer(clientAuth);
            return this;
        }

        @Override
        public SslContextFactory forClient(SNIServerName serverName, String endpointIdentificationAlgorithm) {
            delegate.forClient(serverName, endpointIdentificationAlgorithm);
            return this;
        }

        @Override
        public SslContextFactory enabledProtocols(Set<String> protocols) {
            delegate.enabledProtocols(protocols);
            return this;
        }

        @Override
        public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
            delegate.keyMananagerFactory(kmf);
            return this;
        }

        @Override
        public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
            delegate.trustManagerFactory(tmf);
            return this;
        }

        @Override
        public SslContextFactory enabledCipherSuites(Set<String> cipherSuites) {
            delegate.enabledCipherSuites(cipherSuites);
            return this;
        }

        @Override
        public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
            delegate.applicationProtocols(applicationProtocols);
            return this;
        }
    }
}
