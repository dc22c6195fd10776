package io.landline.appliance.config;

import io.landline.cluster.ClusterSettings;
import io.landline.cluster.ClusterSettings.Member;
import io.landline.gateway.activation.ActivationPolicy;
import io.landline.gateway.activation.ActivationSettings;
import io.landline.gateway.activation.RateLimit;
import io.landline.gateway.https.HttpsSettings;
import io.landline.gateway.mqtt.MqttSettings;
import io.landline.gateway.provider.ProviderApiSettings;
import io.landline.gateway.push.PushSettings;
import io.landline.net.PortRange;
import io.landline.relay.RelaySettings;
import io.landline.relay.TurnSettings;
import io.landline.storage.StorageSettings;
import io.landline.tls.TlsSettings;
import io.landline.tls.TlsSettings.TlsEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shared by the config tests: a loader rooted in a temporary directory, and the documented defaults. */
final class Fixtures {

    static final String HOST_NAME = "test-host";

    private Fixtures() {
    }

    /** A loader whose working directory is {@code dir} and whose host is {@link #HOST_NAME}. */
    static ConfigLoader loader(Path dir) {
        return new ConfigLoader(dir, () -> HOST_NAME);
    }

    static LandlineConfig load(Path dir, Path file, Map<String, String> env) {
        return loader(dir).read(Optional.of(file), env);
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values config/landline.yaml documents, with the data directory under {@code dir}. */
    static LandlineConfig documentedDefaults(Path dir) {
        return new LandlineConfig(LandlineConfig.EMBEDDED_DEFAULTS,
                new NodeSettings(HOST_NAME, dir.resolve("var"), Duration.ofSeconds(10)),
                new HttpsSettings("0.0.0.0", 8443),
                MqttSettings.defaults("0.0.0.0", 5223),
                new TlsSettings(Optional.empty(), Optional.empty(), TlsEngine.AUTO, List.of()),
                new AdminSettings("127.0.0.1", 9100),
                new StorageSettings("", "", "", 8),
                new ClusterSettings("landline", "127.0.0.1", 5701, 5702, List.of(new Member("127.0.0.1", 5701))),
                new RelaySettings(new PortRange(3478, 3497), 5349, new PortRange(49152, 65535), new PortRange(16384, 16402),
                        new TurnSettings("landline", "0.0.0.0", List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                                Optional.empty(), Duration.ofMinutes(10), 10000, 10, 50, 10000, Duration.ofNanos(100_000))),
                new ActivationSettings(ActivationPolicy.OPEN, Duration.ofDays(365), Optional.empty(), Duration.ofDays(7),
                        new RateLimit(10, Duration.ofMinutes(1), 20)),
                new ProviderApiSettings(List.of(), PushSettings.defaults(), 10_000));
    }

    /** {@code base} with another source and https settings; records have no withers. */
    static LandlineConfig with(LandlineConfig base, String source, HttpsSettings https) {
        return new LandlineConfig(source, base.node(), https, base.mqtt(), base.tls(), base.admin(), base.storage(), base.cluster(), base.relay(),
                base.activation(), base.providerApi());
    }
}
