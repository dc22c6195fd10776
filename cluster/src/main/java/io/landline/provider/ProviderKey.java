package io.landline.provider;

import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A provider's ES256 signing key, as APNs token authentication knows it: the team
 * ({@code iss}), the key id ({@code kid}) and the topics the key may push to.
 *
 * @param topics allowed {@code apns-topic} values; empty: any topic
 * @param origin where the key was declared
 */
public record ProviderKey(String team, String keyId, ECPublicKey publicKey, List<String> topics, Origin origin) {

    /** Apple's team and key ids are 10 characters; any short id of letters, digits, '.', '_' or '-' is accepted. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Bundle-id-like topics such as {@code com.example.app.voip}. */
    public static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    /** Config-declared keys live as long as the file says so; stored ones are added and removed at run time. */
    public enum Origin { CONFIG, STORED }

    public ProviderKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(origin, "origin");
        if (team == null || !ID.matcher(team).matches()) {
            throw new IllegalArgumentException("team id must be 1-64 letters, digits, '.', '_' or '-': '" + team + "'");
        }
        if (keyId == null || !ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id must be 1-64 letters, digits, '.', '_' or '-': '" + keyId + "'");
        }
        topics = List.copyOf(topics);
        for (String topic : topics) {
            if (!TOPIC.matcher(topic).matches()) {
                throw new IllegalArgumentException("topic must be 1-255 letters, digits, '.', '_' or '-': '" + topic + "'");
            }
        }
    }

    /** Whether this key may push to {@code topic}. */
    public boolean allows(String topic) {
        return topics.isEmpty() || topics.contains(topic);
    }

    /** The PEM text of the public key. */
    public String publicKeyPem() {
        return EcPublicKeys.toPem(publicKey);
    }
}
