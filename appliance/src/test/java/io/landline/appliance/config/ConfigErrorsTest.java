package io.landline.appliance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of bad input and the one line it earns. In the table, {@code {file}} stands for
 * the config file's path and {@code {dir}} for the working directory.
 */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    /** A config file's content (null: no file), the environment, and the exact message. */
    record Bad(String yaml, Map<String, String> env, String expected) {
        static Bad file(String yaml, String expected) {
            return new Bad(yaml, Map.of(), expected);
        }

        static Bad env(String variable, String value, String expected) {
            return new Bad(null, Map.of(variable, value), expected);
        }
    }

    private static Arguments bad(String name, Bad bad) {
        return Arguments.of(Named.of(name, bad));
    }

    static Stream<Arguments> badInputs() {
        String in = "config error in {file}: ";
        return Stream.of(
                // Keys the defaults do not have.
                bad("misspelt key", Bad.file("https:\n  prot: 443\n",
                        in + "unknown key 'https.prot' (did you mean 'https.port'?)")),
                bad("misspelt section", Bad.file("htps:\n  port: 443\n",
                        in + "unknown key 'htps' (did you mean 'https'?)")),
                bad("key in the wrong section", Bad.file("https:\n  bus-port: 5702\n",
                        in + "unknown key 'https.bus-port' (did you mean 'cluster.bus-port'?)")),
                bad("nested misspelt key", Bad.file("relay:\n  turn:\n    port: 3478\n",
                        in + "unknown key 'relay.turn.port' (did you mean 'relay.turn.ports'?)")),
                bad("unknown key with nothing close", Bad.file("logging:\n  level: debug\n",
                        in + "unknown key 'logging'")),
                bad("unknown environment variable", Bad.env("LANDLINE_HTTPS_PROT", "443",
                        "config error in environment variable LANDLINE_HTTPS_PROT: no key is set by this variable"
                                + " (did you mean LANDLINE_HTTPS_PORT for key 'https.port'?)")),

                // Wrong shapes.
                bad("mapping where a port is expected", Bad.file("https:\n  port:\n    number: 443\n",
                        in + "key 'https.port': '{\"number\":443}' is a mapping where a port number is expected")),
                bad("list where a host is expected", Bad.file("admin:\n  host: [a, b]\n",
                        in + "key 'admin.host': '[\"a\",\"b\"]' is a list where a text value is expected")),
                bad("value where a section is expected", Bad.file("relay: 3478\n",
                        in + "key 'relay': '3478' is a single value where a section of keys is expected")),
                bad("list where a section is expected", Bad.file("https: [443]\n",
                        in + "key 'https': '[443]' is a list where a section of keys is expected")),
                bad("single value where a list is expected", Bad.file("cluster:\n  members: 10.0.0.1:5701\n",
                        in + "key 'cluster.members': '10.0.0.1:5701' is a single value where a list is expected (write [a, b])")),
                bad("secret value is never shown", Bad.file("storage:\n  password:\n    value: hunter2\n",
                        in + "key 'storage.password': '****' is a mapping where a text value is expected")),

                // Ports and ranges.
                bad("port is not a number", Bad.file("https:\n  port: http\n",
                        in + "key 'https.port': 'http' is not a port number")),
                bad("port above 65535", Bad.file("admin:\n  port: 70000\n",
                        in + "key 'admin.port': '70000' is outside the port range 1-65535")),
                bad("port zero", Bad.file("cluster:\n  bus-port: 0\n",
                        in + "key 'cluster.bus-port': '0' is outside the port range 1-65535")),
                bad("reversed port range", Bad.file("relay:\n  turn:\n    ports: 3497-3478\n",
                        in + "key 'relay.turn.ports': '3497-3478' is a reversed port range (first port above last)")),
                bad("range beyond 65535", Bad.file("relay:\n  media:\n    ports: 60000-70000\n",
                        in + "key 'relay.media.ports': '60000-70000' has a port outside 1-65535")),
                bad("not a range", Bad.file("relay:\n  media:\n    ports: lots\n",
                        in + "key 'relay.media.ports': 'lots' is not a port or port range (expected e.g. 3478-3497)")),
                bad("bad port from the environment", Bad.env("LANDLINE_CLUSTER_BUS_PORT", "bus",
                        "config error in environment variable LANDLINE_CLUSTER_BUS_PORT: key 'cluster.bus-port': 'bus' is not a port number")),
                bad("reversed range from the environment", Bad.env("LANDLINE_RELAY_TURN_PORTS", "3497-3478",
                        "config error in environment variable LANDLINE_RELAY_TURN_PORTS: key 'relay.turn.ports': '3497-3478'"
                                + " is a reversed port range (first port above last)")),

                // Two listeners on one port.
                bad("admin on the https port", Bad.file("admin:\n  port: 8443\n",
                        in + "key 'admin.port': '8443' overlaps key 'https.port': '8443' (both TCP; 'https.port' from embedded defaults)")),
                bad("https inside the TURN ports blames the changed key", Bad.file("https:\n  port: 3480\n",
                        in + "key 'https.port': '3480' overlaps key 'relay.turn.ports': '3478-3497'"
                                + " (both TCP; 'relay.turn.ports' from embedded defaults)")),
                bad("bus port equal to cluster port", Bad.file("cluster:\n  port: 6000\n  bus-port: 6000\n",
                        in + "key 'cluster.bus-port': '6000' overlaps key 'cluster.port': '6000' (both TCP)")),
                bad("TURN TLS port inside the TURN ports", Bad.file("relay:\n  turn:\n    tls-port: 3478\n",
                        in + "key 'relay.turn.tls-port': '3478' overlaps key 'relay.turn.ports': '3478-3497'"
                                + " (both TCP; 'relay.turn.ports' from embedded defaults)")),
                bad("media ports inside the relay ports", Bad.file("relay:\n  media:\n    ports: 50000-50010\n",
                        in + "key 'relay.media.ports': '50000-50010' overlaps key 'relay.turn.relay-ports': '49152-65535'"
                                + " (both UDP; 'relay.turn.relay-ports' from embedded defaults)")),
                bad("overlap between file and environment", new Bad("relay:\n  turn:\n    relay-ports: 3490-3600\n",
                        Map.of("LANDLINE_RELAY_TURN_PORTS", "3478-3500"),
                        in + "key 'relay.turn.relay-ports': '3490-3600' overlaps key 'relay.turn.ports': '3478-3500'"
                                + " (both UDP; 'relay.turn.ports' from environment variable LANDLINE_RELAY_TURN_PORTS)")),

                // TLS files.
                bad("missing certificate", Bad.file("tls:\n  certificate: certs/missing.pem\n  key: key.pem\n",
                        in + "key 'tls.certificate': 'certs/missing.pem' does not exist (resolved to {dir}/certs/missing.pem)")),
                bad("certificate is a directory", Bad.file("tls:\n  certificate: certs\n  key: key.pem\n",
                        in + "key 'tls.certificate': 'certs' is a directory, not a PEM file (resolved to {dir}/certs)")),
                bad("key is not PEM", Bad.file("tls:\n  certificate: cert.pem\n  key: {dir}/key.der\n",
                        in + "key 'tls.key': '{dir}/key.der' is not a PEM file (no '-----BEGIN' line)")),
                bad("certificate without key", Bad.file("tls:\n  certificate: cert.pem\n",
                        in + "key 'tls.certificate': 'cert.pem' is set but tls.key is empty; set both or neither")),
                bad("key without certificate", Bad.file("tls:\n  key: key.pem\n",
                        in + "key 'tls.key': 'key.pem' is set but tls.certificate is empty; set both or neither")),
                bad("bad engine", Bad.file("tls:\n  engine: boringssl\n",
                        in + "key 'tls.engine': 'boringssl' is not one of auto | openssl | jdk")),
                bad("bad server name", Bad.file("tls:\n  server-names: [push.example.com, not valid]\n",
                        in + "key 'tls.server-names[1]': 'not valid' is not an IP address, host name or *.wildcard name")),

                // Addresses.
                bad("IPv4 octet above 255", Bad.file("https:\n  host: 300.1.2.3\n",
                        in + "key 'https.host': '300.1.2.3' is not an IP address or host name")),
                bad("three-part IPv4", Bad.file("admin:\n  host: 1.2.3\n",
                        in + "key 'admin.host': '1.2.3' is not an IP address or host name")),
                bad("host name with bad characters", Bad.file("cluster:\n  host: foo_bar!\n",
                        in + "key 'cluster.host': 'foo_bar!' is not an IP address or host name")),
                bad("empty host", Bad.file("https:\n  host: \"\"\n",
                        in + "key 'https.host': '' is not an IP address or host name")),
                bad("member with bad host", Bad.file("cluster:\n  members: [10.0.0.1:5701, \"foo_bar!:5701\"]\n",
                        in + "key 'cluster.members[1]': 'foo_bar!:5701' has a bad host 'foo_bar!' (expected an IP address or host name)")),
                bad("member with bad port", Bad.file("cluster:\n  members: [10.0.0.1:99999]\n",
                        in + "key 'cluster.members[0]': '10.0.0.1:99999' has a bad port '99999' (expected 1-65535)")),
                bad("member with unclosed bracket", Bad.file("cluster:\n  members: [\"[::1:5701\"]\n",
                        in + "key 'cluster.members[0]': '[::1:5701' has '[' without ']' (expected [IPv6]:port)")),
                bad("bad member from the environment", Bad.env("LANDLINE_CLUSTER_MEMBERS", "10.0.0.1:5701,300.0.0.1",
                        "config error in environment variable LANDLINE_CLUSTER_MEMBERS: key 'cluster.members[1]': '300.0.0.1'"
                                + " has a bad host '300.0.0.1' (expected an IP address or host name)")),

                // Other single values.
                bad("negative duration", Bad.file("node:\n  shutdown-timeout: -5s\n",
                        in + "key 'node.shutdown-timeout': '-5s' is a negative duration")),
                bad("duration in words", Bad.file("node:\n  shutdown-timeout: 10 seconds\n",
                        in + "key 'node.shutdown-timeout': '10 seconds' is not a duration (write e.g. 500ms, 10s, 5m, 1h or 1d)")),
                bad("duration without unit", Bad.file("node:\n  shutdown-timeout: 10\n",
                        in + "key 'node.shutdown-timeout': '10' is not a duration (write e.g. 500ms, 10s, 5m, 1h or 1d)")),
                bad("empty data directory", Bad.file("node:\n  data-dir: \"\"\n",
                        in + "key 'node.data-dir': '' is empty; a path is required")),
                bad("pool size zero", Bad.file("storage:\n  pool-size: 0\n",
                        in + "key 'storage.pool-size': '0' is outside 1-1000")),
                bad("pool size above 1000", Bad.file("storage:\n  pool-size: 1001\n",
                        in + "key 'storage.pool-size': '1001' is outside 1-1000")),
                bad("pool size in words", Bad.file("storage:\n  pool-size: many\n",
                        in + "key 'storage.pool-size': 'many' is not a whole number")),
                bad("unsupported database", Bad.file("storage:\n  url: jdbc:mysql://db/landline\n",
                        in + "key 'storage.url': 'jdbc:mysql://db/landline' is not a supported JDBC URL"
                                + " (expected empty, jdbc:h2:... or jdbc:postgresql:...)")),
                bad("cluster name with a space", Bad.file("cluster:\n  name: my cluster\n",
                        in + "key 'cluster.name': 'my cluster' is not a cluster name (expected letters, digits, '.', '_' or '-')")),
                bad("empty cluster name", Bad.env("LANDLINE_CLUSTER_NAME", "",
                        "config error in environment variable LANDLINE_CLUSTER_NAME: key 'cluster.name': ''"
                                + " is not a cluster name (expected letters, digits, '.', '_' or '-')")),
                bad("multi-line value is shown on one line", Bad.file("https:\n  host: |\n    a\n    b\n",
                        in + "key 'https.host': 'a\\nb\\n' is not an IP address or host name")),

                // STUN/TURN service.
                bad("realm with a space", Bad.file("relay:\n  turn:\n    realm: my realm\n",
                        in + "key 'relay.turn.realm': 'my realm' is not a realm (1-127 printable ASCII characters, no spaces or quotes)")),
                bad("user without password never shows the entry", Bad.file("relay:\n  turn:\n    users: [\"alice:s3cret\", bob]\n",
                        in + "key 'relay.turn.users[1]': '****' is not name:password (both non-empty)")),
                bad("user with empty name", Bad.env("LANDLINE_RELAY_TURN_USERS", ":pw",
                        "config error in environment variable LANDLINE_RELAY_TURN_USERS: key 'relay.turn.users[0]': '****'"
                                + " is not name:password (both non-empty)")),
                bad("user listed twice", Bad.file("relay:\n  turn:\n    users: [\"alice:one\", \"alice:two\"]\n",
                        in + "key 'relay.turn.users': '****' repeats the user 'alice'")),
                bad("short REST secret is masked", Bad.env("LANDLINE_RELAY_TURN_REST_SECRETS", "longenoughsecret,short",
                        "config error in environment variable LANDLINE_RELAY_TURN_REST_SECRETS: key 'relay.turn.rest-secrets[1]': '****'"
                                + " is not a usable secret (at least 8 characters, no spaces or commas)")),
                bad("allowed peer that is a host name", Bad.file("relay:\n  turn:\n    allowed-peers: [127.0.0.0/8, intranet.example]\n",
                        in + "key 'relay.turn.allowed-peers[1]': 'intranet.example' is not an IP address or CIDR prefix"
                                + " (expected e.g. 10.0.0.0/8 or fc00::/7)")),
                bad("allowed peer with a long prefix", Bad.file("relay:\n  turn:\n    allowed-peers: [10.0.0.0/40]\n",
                        in + "key 'relay.turn.allowed-peers[0]': '10.0.0.0/40' has a prefix length outside 0-32")),
                bad("IPv6 relay address in the IPv4 key", Bad.file("relay:\n  turn:\n    relay-address: \"::1\"\n",
                        in + "key 'relay.turn.relay-address': '::1' is not an IPv4 address")),
                bad("IPv4 relay address in the IPv6 key", Bad.file("relay:\n  turn:\n    relay-address-v6: 10.0.0.1\n",
                        in + "key 'relay.turn.relay-address-v6': '10.0.0.1' is not an IPv6 address")),
                bad("external IP as a host name", Bad.file("relay:\n  turn:\n    external-ip: turn.example.com\n",
                        in + "key 'relay.turn.external-ip': 'turn.example.com' is not an IPv4 address")),
                bad("negative nonce lifetime", Bad.file("relay:\n  turn:\n    nonce-lifetime: -1m\n",
                        in + "key 'relay.turn.nonce-lifetime': '-1m' is a negative duration")),
                bad("no allocations at all", Bad.file("relay:\n  turn:\n    max-allocations: 0\n",
                        in + "key 'relay.turn.max-allocations': '0' is outside 1-1000000")),
                bad("user quota in words", Bad.file("relay:\n  turn:\n    user-quota: ten\n",
                        in + "key 'relay.turn.user-quota': 'ten' is not a whole number")),
                bad("negative request rate", Bad.env("LANDLINE_RELAY_TURN_REQUESTS_PER_SECOND", "-1",
                        "config error in environment variable LANDLINE_RELAY_TURN_REQUESTS_PER_SECOND: key 'relay.turn.requests-per-second':"
                                + " '-1' is outside 0-1000000")),
                bad("bandwidth above 100 Gbit/s", Bad.file("relay:\n  turn:\n    allocation-bandwidth: 200000000\n",
                        in + "key 'relay.turn.allocation-bandwidth': '200000000' is outside 0-100000000")),

                // The file as a whole.
                bad("YAML syntax error", Bad.file("https:\n  port: 8443\n   host: x\n",
                        in + "YAML syntax error at line 3, column 8: mapping values are not allowed here")),
                bad("unclosed list", Bad.file("cluster:\n  members: [10.0.0.1:5701\n",
                        in + "YAML syntax error at line 3, column 1: expected ',' or ']', but got <stream end>"
                                + " (while parsing a flow sequence at line 2)")),
                bad("duplicate key", Bad.file("https:\n  port: 443\n  port: 8443\n",
                        in + "YAML syntax error at line 3, column 7: duplicate key 'port'")),
                bad("file is a list", Bad.file("- https\n- admin\n",
                        in + "the file is a list, not a mapping of keys such as 'https:'")),
                bad("file is a single value", Bad.file("https\n",
                        in + "the file is a single value, not a mapping of keys such as 'https:'")));
    }

    @BeforeEach
    void tlsFixtures() throws IOException {
        Fixtures.write(dir, "cert.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Fixtures.write(dir, "key.pem", "-----BEGIN PRIVATE KEY-----\nMC4C\n-----END PRIVATE KEY-----\n");
        Files.write(dir.resolve("key.der"), new byte[] {0x30, (byte) 0x82, 0x01, 0x22});
        Files.createDirectories(dir.resolve("certs"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsRejectedWithOneLineNamingSourceKeyAndValue(Bad bad) {
        Optional<Path> file = Optional.ofNullable(bad.yaml())
                .map(yaml -> Fixtures.write(dir, "broken.yaml", yaml.replace("{dir}", dir.toString())));
        String expected = bad.expected()
                .replace("{file}", file.map(Path::toString).orElse("?"))
                .replace("{dir}", dir.toString());

        assertThatThrownBy(() -> Fixtures.loader(dir).read(file, bad.env()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(expected)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n", "\r");
                    file.ifPresent(f -> assertThat(e.getMessage()).contains(f.toString()));
                });
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> Fixtures.loader(dir).read(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config error in " + missing + ": the file does not exist");
    }

    @Test
    void unreadableCertificateIsNamed() throws IOException {
        assumeThat(System.getProperty("user.name")).as("root reads any file").isNotEqualTo("root");
        Path certificate = Fixtures.write(dir, "locked.pem", "-----BEGIN CERTIFICATE-----\n");
        Files.setPosixFilePermissions(certificate, PosixFilePermissions.fromString("---------"));
        Path file = Fixtures.write(dir, "landline.yaml", "tls:\n  certificate: locked.pem\n  key: key.pem\n");

        assertThatThrownBy(() -> Fixtures.load(dir, file, Map.of()))
                .hasMessage("config error in " + file + ": key 'tls.certificate': 'locked.pem' is not readable by this process"
                        + " (resolved to " + certificate + ")");
    }

    @Test
    void firstErrorInDefaultsKeyOrderIsReported() {
        Path file = Fixtures.write(dir, "landline.yaml", "relay:\n  turn:\n    ports: 3497-3478\nhttps:\n  port: 0\n");

        assertThatThrownBy(() -> Fixtures.load(dir, file, Map.of())).hasMessageContaining("key 'https.port'");
    }

    @Test
    void unknownKeysAreReportedBeforeBadValues() {
        Path file = Fixtures.write(dir, "landline.yaml", "https:\n  port: 0\nadmin:\n  prot: 9100\n");

        assertThatThrownBy(() -> Fixtures.load(dir, file, Map.of())).hasMessageContaining("unknown key 'admin.prot'");
    }

    @Test
    void environmentValueReplacesABadFileValue() {
        Path file = Fixtures.write(dir, "landline.yaml", "https:\n  port: 0\n");

        assertThat(Fixtures.load(dir, file, Map.of("LANDLINE_HTTPS_PORT", "443")).https().port()).isEqualTo(443);
    }
}
