package io.landline.appliance.e2e;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import io.landline.appliance.node.TestNodeConfig;
import io.landline.client.provider.ProviderClient;
import io.landline.client.provider.ProviderToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A provider team's ES256 key, its public half in a PEM file, and the topics it may push to. */
record Provider(String team, String keyId, KeyPair keys, Path publicKeyPem, List<String> topics) {

    static Provider create(Path dir, String team, String keyId, String... topics) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            Path pem = Files.writeString(dir.resolve(team + ".pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            return new Provider(team, keyId, keys, pem, List.of(topics));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This key as an entry of {@code gateway.providers}, indented for the gateway section. */
    String yamlEntry() {
        return "    - team: " + team + "\n      key-id: " + keyId + "\n      key: " + publicKeyPem + "\n      topics: [" + String.join(", ", topics) + "]\n";
    }

    /** Pushy, the reference Java APNs client, pointed at the node by host and port alone. */
    ApnsClient pushy(TestNodeConfig node) throws Exception {
        return new ApnsClientBuilder()
                    .setApnsServer("localhost", node.httpsPort())
                    .setTrustedServerCertificateChain(node.caFile().toFile())
                    .setSigningKey(new ApnsSigningKey(keyId, team, (ECPrivateKey) keys.getPrivate()))
                    // the gateway picks HTTP/2 by ALPN; Pushy offers ALPN only when asked
                    .setUseAlpn(true)
                    .build();
    }

    /** The SDK's provider client, here for {@code GET /3/notifications/{apns-id}}. */
    ProviderClient client(TestNodeConfig node) {
        return new ProviderClient(URI.create("https://localhost:" + node.httpsPort()), Optional.of(node.caFile()),
                new ProviderToken(team, keyId, keys.getPrivate(), Clock.systemUTC()));
    }
}
