package io.landline.bench.load;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents each connection's own device certificate from one shared client SSL context:
 * the engine is tagged with its device before the handshake, and the alias is the token.
 * One context for the whole fleet keeps the load tool's own memory small.
 */
final class FleetKeyManager extends X509ExtendedKeyManager {

    private final Map<String, Fleet.Member> byToken = new ConcurrentHashMap<>();
    private final Map<SSLEngine, String> engines = new ConcurrentHashMap<>();

    FleetKeyManager(Iterable<Fleet.Member> members) {
        members.forEach(m -> byToken.put(m.token(), m));
    }

    void assign(SSLEngine engine, String token) {
        engines.put(engine, token);
    }

    void release(SSLEngine engine) {
        engines.remove(engine);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return engines.get(engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Fleet.Member m = alias == null ? null : byToken.get(alias);
        return m == null ? null : new X509Certificate[] {m.certificate()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Fleet.Member m = alias == null ? null : byToken.get(alias);
        return m == null ? null : m.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return byToken.keySet().toArray(String[]::new);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
