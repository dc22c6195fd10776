package io.landline.appliance.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.cluster.ClusterSettings.Member;
import io.landline.gateway.https.HttpsSettings;
import io.landline.net.PortRange;
import io.landline.storage.StorageSettings;
import io.landline.tls.TlsSettings.TlsEngine;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLayersTest {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    @Test
    void partialFileOverridesOnlyItsKeys() {
        Path file = Fixtures.write(dir, "partial.yaml", "https:\n  port: 443\n");

        assertThat(Fixtures.load(dir, file, Map.of())).isEqualTo(
                Fixtures.with(Fixtures.documentedDefaults(dir), file.toString(), new HttpsSettings("0.0.0.0", 443)));
    }

    static Stream<Arguments> filesThatChangeNothing() {
        return Stream.of(
                Arguments.of(Named.of("empty file", "")),
                Arguments.of(Named.of("only comments", "# nothing to change yet\n")),
                Arguments.of(Named.of("section with every key commented out", "https:\n  # port: 443\n")),
                Arguments.of(Named.of("explicit null section", "https: ~\n")));
    }

    @ParameterizedTest
    @MethodSource("filesThatChangeNothing")
    void fileThatSetsNoKeyLeavesTheDefaults(String content) {
        Path file = Fixtures.write(dir, "landline.yaml", content);

        assertThat(Fixtures.load(dir, file, Map.of())).isEqualTo(
                Fixtures.with(Fixtures.documentedDefaults(dir), file.toString(), new HttpsSettings("0.0.0.0", 8443)));
    }

    @Test
    void environmentWinsOverTheFile() {
        Path file = Fixtures.write(dir, "landline.yaml", """
                https:
                  port: 443
                storage:
                  url: jdbc:postgresql://db/landline
                  password: from-file
                cluster:
                  members: [10.9.9.9:5701]
                relay:
                  turn:
                    ports: 3478-3480
                """);
        Map<String, String> env = Map.of(
                "LANDLINE_HTTPS_PORT", "9443",
                "LANDLINE_STORAGE_PASSWORD", "s3cret",
                "LANDLINE_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2,[2001:db8::3]:5801",
                "LANDLINE_RELAY_TURN_PORTS", "4000-4010",
                "LANDLINE_TLS_SERVER_NAMES", "",
                "PATH", "/usr/bin",
                "LANDLINEX", "not ours");

        LandlineConfig config = Fixtures.load(dir, file, env);

        assertThat(config.https().port()).isEqualTo(9443);
        assertThat(config.storage()).isEqualTo(new StorageSettings("jdbc:postgresql://db/landline", "", "s3cret", 8));
        assertThat(config.cluster().members()).containsExactly(
                new Member("10.0.0.1", 5701), new Member("10.0.0.2", 5701), new Member("2001:db8::3", 5801));
        assertThat(config.relay().turnPorts()).isEqualTo(new PortRange(4000, 4010));
        assertThat(config.tls().serverNames()).isEmpty();
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectoryAndAbsoluteOnesStay() {
        Fixtures.write(dir, "certs/node.pem", PEM);
        Path key = Fixtures.write(dir, "keys/node.key", "-----BEGIN PRIVATE KEY-----\nMC4C\n-----END PRIVATE KEY-----\n");
        Path file = Fixtures.write(dir, "conf/landline.yaml", "node:\n  data-dir: state/../data\ntls:\n  certificate: certs/node.pem\n  key: "
                + key + "\n");

        LandlineConfig config = Fixtures.load(dir, file, Map.of());

        assertThat(config.node().dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.tls().certificate()).contains(dir.resolve("certs/node.pem"));
        assertThat(config.tls().key()).contains(key);
    }

    @Test
    void namedNodeKeepsItsNameAndOtherNodeKeysApply() {
        Path file = Fixtures.write(dir, "landline.yaml", "node:\n  name: edge-7\n  shutdown-timeout: 1m\n");

        NodeSettings node = Fixtures.load(dir, file, Map.of()).node();

        assertThat(node).isEqualTo(new NodeSettings("edge-7", dir.resolve("var"), Duration.ofMinutes(1)));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "5m, PT5M", "1h, PT1H", "1d, PT24H", "0s, PT0S", "-0s, PT0S"})
    void durationsTakeOneNumberAndOneUnit(String written, Duration expected) {
        Path file = Fixtures.write(dir, "landline.yaml", "node:\n  shutdown-timeout: " + written + "\n");

        assertThat(Fixtures.load(dir, file, Map.of()).node().shutdownTimeout()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"auto, AUTO", "OpenSSL, OPENSSL", "JDK, JDK"})
    void tlsEngineIgnoresCase(String written, TlsEngine expected) {
        assertThat(Fixtures.loader(dir).read(Optional.empty(), Map.of("LANDLINE_TLS_ENGINE", written)).tls().engine())
                .isEqualTo(expected);
    }

    @Test
    void quotedNumbersAndSinglePortRangesAreAccepted() {
        Path file = Fixtures.write(dir, "landline.yaml", "admin:\n  port: \"9200\"\nrelay:\n  media:\n    ports: 16400\n");

        LandlineConfig config = Fixtures.load(dir, file, Map.of());

        assertThat(config.admin().port()).isEqualTo(9200);
        assertThat(config.relay().mediaPorts()).isEqualTo(PortRange.single(16400));
    }

    @Test
    void productionSampleLoads() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/config/production.yaml").toURI());

        LandlineConfig config = Fixtures.load(dir, file, Map.of("LANDLINE_STORAGE_PASSWORD", "s3cret"));

        assertThat(config.node().name()).isEqualTo("landline-1");
        assertThat(config.node().dataDir()).isEqualTo(Path.of("/var/lib/landline"));
        assertThat(config.https()).isEqualTo(new HttpsSettings("::", 443));
        assertThat(config.tls().serverNames()).containsExactly("push.example.com", "*.push.example.com", "203.0.113.10");
        assertThat(config.storage().password()).isEqualTo("s3cret");
        assertThat(config.storage().poolSize()).isEqualTo(32);
        assertThat(config.cluster().name()).isEqualTo("landline-prod");
        assertThat(config.cluster().members()).isEqualTo(List.of(
                new Member("10.0.0.1", 5701), new Member("10.0.0.2", 5701), new Member("landline-3.internal", 5701)));
        assertThat(config.relay().turnPorts()).isEqualTo(new PortRange(3478, 3478));
    }
}
