package io.landline.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.vertx.core.Future;
import io.vertx.core.internal.net.NetSocketInternal;
import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/** MQTT over TLS: a Vert.x socket whose Netty pipeline carries the MQTT decoder and encoder. */
final class TcpTransport implements Transport {

    private final NetSocketInternal socket;

    TcpTransport(NetSocketInternal socket) {
        this.socket = socket;
    }

    @Override
    public MqttMetrics.Transport kind() {
        return MqttMetrics.Transport.TCP;
    }

    @Override
    public void write(MqttMessage message) {
        socket.writeMessage(message);
    }

    @Override
    public Future<Void> writeAndClose(MqttMessage message) {
        if (message == null) {
            return socket.close();
        }
        return socket.writeMessage(message).transform(written -> socket.close());
    }

    @Override
    public void pause() {
        socket.pause();
    }

    @Override
    public void resume() {
        socket.resume();
    }

    @Override
    public Optional<String> clientCertificateCommonName() {
        try {
            List<Certificate> chain = socket.peerCertificates();
            if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate)) {
                return Optional.empty();
            }
            return commonName(subjectOf(chain.get(0)));
        } catch (SSLPeerUnverifiedException | CertificateException e) {
            return Optional.empty();
        }
    }

    /**
     * The leaf's subject, read from a copy parsed here rather than from the session's own
     * object: the OpenSSL session keeps its peer certificates for the connection's life as
     * DER wrappers that parse themselves on first use and keep the parsed form, about 1 KB of
     * heap per idle connection that nothing needs after CONNECT.
     */
    private static X500Principal subjectOf(Certificate leaf) throws CertificateException {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        return ((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(leaf.getEncoded()))).getSubjectX500Principal();
    }

    /** The subject's one CN (RFC 5280 §4.1.2.6); a subject with none or several names no device. */
    static Optional<String> commonName(X500Principal subject) {
        try {
            List<String> names = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN")).map(Rdn::getValue).map(String::valueOf).toList();
            return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    @Override
    public String remote() {
        return String.valueOf(socket.remoteAddress());
    }
}
