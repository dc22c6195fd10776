package io.landline.appliance.config;

import io.landline.cluster.ClusterSettings;
import io.landline.gateway.https.HttpsSettings;
import io.landline.gateway.mqtt.MqttSettings;
import io.landline.net.PortRange;
import io.landline.relay.RelaySettings;
import io.landline.relay.TurnSettings;
import io.landline.storage.StorageSettings;
import io.landline.tls.TlsSettings;
import io.landline.tls.TlsSettings.TlsEngine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Loads the configuration in three layers, each over the one before: the embedded defaults
 * (the shipped config/landline.yaml), the optional file, and {@code LANDLINE_} environment
 * variables. Then every key is read typed and checked in the defaults' key order, then the
 * checks between keys run; the first problem is thrown as a one-line {@link ConfigException}.
 */
public final class ConfigLoader {

    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path workingDir;
    private final Supplier<String> hostName;

    /** For tests: relative paths resolve against {@code workingDir}; an empty node name becomes {@code hostName}. */
    ConfigLoader(Path workingDir, Supplier<String> hostName) {
        this.workingDir = workingDir.toAbsolutePath();
        this.hostName = hostName;
    }

    /**
     * The configuration of this process: {@code file} laid over the defaults, {@code env}
     * (normally {@code System.getenv()}) over both.
     *
     * @throws ConfigException naming the source, key and value of the first bad setting
     */
    public static LandlineConfig load(Optional<Path> file, Map<String, String> env) {
        return new ConfigLoader(Path.of(""), ConfigLoader::systemHostName).read(file, env);
    }

    LandlineConfig read(Optional<Path> file, Map<String, String> env) {
        ConfigTree tree = ConfigTree.of(YamlTrees.defaults());
        file.ifPresent(path -> {
            Origin origin = new Origin.File(path);
            tree.overlay(YamlTrees.file(path, origin), origin);
        });
        EnvOverrides.apply(tree, env);

        SettingReader reader = new SettingReader(tree, workingDir);
        // Argument order is evaluation order is the order errors are found: keep it the defaults' order.
        LandlineConfig config = new LandlineConfig(
                file.map(Path::toString).orElse(LandlineConfig.EMBEDDED_DEFAULTS),
                node(reader), https(reader), mqtt(reader), tls(reader), admin(reader), storage(reader), cluster(reader), relay(reader),
                ActivationSettingsReader.read(reader), ProviderKeysConfig.read(reader));
        List<String> unread = reader.unread();
        if (!unread.isEmpty()) {
            throw new IllegalStateException("keys of landline.yaml that no code reads: " + unread);
        }
        CrossKeyChecks.check(tree, config);
        return config;
    }

    private NodeSettings node(SettingReader r) {
        String name = r.string("node.name").trim();
        return new NodeSettings(name.isEmpty() ? hostName.get() : name,
                r.path("node.data-dir"), r.duration("node.shutdown-timeout"));
    }

    private static HttpsSettings https(SettingReader r) {
        return new HttpsSettings(r.host("https.host"), r.port("https.port"));
    }

    private static MqttSettings mqtt(SettingReader r) {
        return new MqttSettings(r.host("gateway.mqtt.host"), r.port("gateway.mqtt.port"),
                r.intBetween("gateway.mqtt.max-packet-size", MqttSettings.MIN_MAX_PACKET_SIZE, MqttSettings.MAX_MAX_PACKET_SIZE),
                r.durationBetween("gateway.mqtt.keep-alive-max", Duration.ofSeconds(1), MqttSettings.MAX_KEEP_ALIVE),
                r.durationBetween("gateway.mqtt.connect-timeout", Duration.ofSeconds(1), Duration.ofMinutes(5)),
                r.durationBetween("gateway.mqtt.session-expiry-max", Duration.ZERO, Duration.ofDays(49_710)));
    }

    private static TlsSettings tls(SettingReader r) {
        return new TlsSettings(r.pemFile("tls.certificate"), r.pemFile("tls.key"),
                r.choice("tls.engine", TlsEngine.class), r.serverNames("tls.server-names"));
    }

    private static AdminSettings admin(SettingReader r) {
        return new AdminSettings(r.host("admin.host"), r.port("admin.port"));
    }

    private static StorageSettings storage(SettingReader r) {
        return new StorageSettings(
                r.checked("storage.url", ConfigLoader::isSupportedJdbcUrl,
                        "is not a supported JDBC URL (expected empty, jdbc:h2:... or jdbc:postgresql:...)"),
                r.string("storage.user"), r.string("storage.password"), r.intBetween("storage.pool-size", 1, 1000));
    }

    private static ClusterSettings cluster(SettingReader r) {
        return new ClusterSettings(
                r.checked("cluster.name", n -> CLUSTER_NAME.matcher(n).matches(),
                        "is not a cluster name (expected letters, digits, '.', '_' or '-')"),
                r.host("cluster.host"), r.port("cluster.port"), r.port("cluster.bus-port"), r.members("cluster.members"));
    }

    private static RelaySettings relay(SettingReader r) {
        PortRange turnPorts = r.portRange("relay.turn.ports");
        int turnTlsPort = r.port("relay.turn.tls-port");
        PortRange relayPorts = r.portRange("relay.turn.relay-ports");
        TurnSettings turn = TurnConfig.read(r);
        return new RelaySettings(turnPorts, turnTlsPort, relayPorts, r.portRange("relay.media.ports"), turn);
    }

    /** The two databases the storage layer ships drivers for; empty is the embedded H2. */
    private static boolean isSupportedJdbcUrl(String url) {
        return url.isEmpty() || url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:");
    }

    /**
     * The host's name for an unnamed node. getLocalHost() resolves the name it gets from the
     * kernel, which fails on hosts whose own name is not in /etc/hosts or DNS; the JDK then
     * puts the name first in the message ("box7: box7: Name or service not known"), and the
     * name is all we want, so take it from there.
     */
    private static String systemHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            int colon = message.indexOf(':');
            return colon > 0 ? message.substring(0, colon) : "localhost";
        }
    }
}
