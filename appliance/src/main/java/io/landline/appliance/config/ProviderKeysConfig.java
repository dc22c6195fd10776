package io.landline.appliance.config;

import io.landline.gateway.provider.ProviderApiSettings;
import io.landline.gateway.push.PushSettings;
import io.landline.provider.EcPublicKeys;
import io.landline.provider.ProviderKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code gateway.providers} and {@code gateway.push.*}. Each provider's key file is read
 * and parsed as an EC P-256 public key now, so a wrong file stops the node at start with the
 * usual one-line error rather than failing every push later.
 */
final class ProviderKeysConfig {

    static final List<String> FIELDS = List.of("team", "key-id", "key", "topics");

    private ProviderKeysConfig() {
    }

    static ProviderApiSettings read(SettingReader r) {
        List<ProviderKey> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SettingReader.MappingReader entry : r.mappings("gateway.providers", FIELDS)) {
            String team = entry.checked("team", t -> ProviderKey.ID.matcher(t).matches(),
                    "is not a team id (1-64 letters, digits, '.', '_' or '-')");
            String keyId = entry.checked("key-id", k -> ProviderKey.ID.matcher(k).matches(),
                    "is not a key id (1-64 letters, digits, '.', '_' or '-')");
            ECPublicKey publicKey = publicKey(entry.field("key"), entry.pemFile("key"));
            List<String> topics = entry.strings("topics", t -> ProviderKey.TOPIC.matcher(t).matches(),
                    "is not a topic (1-255 letters, digits, '.', '_' or '-')");
            if (!seen.add(team + "\n" + keyId)) {
                throw entry.field("key-id").invalid("is declared twice for team " + team);
            }
            keys.add(new ProviderKey(team, keyId, publicKey, topics, ProviderKey.Origin.CONFIG));
        }
        PushSettings push = new PushSettings(
                r.intBetween("gateway.push.max-pending-per-device", 1, 100_000),
                atLeastOneSecond(r, "gateway.push.receipt-retention"),
                r.intBetween("gateway.push.commit-max-batch", 1, 10_000),
                r.durationBetween("gateway.push.delivery-wait", java.time.Duration.ZERO, java.time.Duration.ofSeconds(10)));
        return new ProviderApiSettings(keys, push, r.intBetween("gateway.push.team-rate-limit", 0, 1_000_000));
    }

    private static java.time.Duration atLeastOneSecond(SettingReader r, String key) {
        java.time.Duration d = r.duration(key);
        if (d.toSeconds() < 1) {
            throw r.setting(key).invalid("is shorter than 1s");
        }
        return d;
    }

    private static ECPublicKey publicKey(Setting field, Path file) {
        try {
            return EcPublicKeys.parse(Files.readString(file));
        } catch (IOException e) {
            throw field.invalid("cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw field.invalid("is not an ES256 key: " + e.getMessage());
        }
    }
}
