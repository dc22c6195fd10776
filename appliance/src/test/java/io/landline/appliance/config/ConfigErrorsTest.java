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

                // The device push endpoint.
                bad("MQTT port on the https port", Bad.file("gateway:\n  mqtt:\n    port: 8443\n",
                        in + "key 'gateway.mqtt.port': '8443' overlaps key 'https.port': '8443' (both TCP; 'https.port' from embedded defaults)")),
                bad("MQTT port not a number", Bad.file("gateway:\n  mqtt:\n    port: mqtt\n",
                        in + "key 'gateway.mqtt.port': 'mqtt' is not a port number")),
                bad("MQTT packet size below a CONNECT", Bad.file("gateway:\n  mqtt:\n    max-packet-size: 100\n",
                        in + "key 'gateway.mqtt.max-packet-size': '100' is outside 1024-268435455")),
                bad("MQTT keep-alive beyond the two-byte field", Bad.file("gateway:\n  mqtt:\n    keep-alive-max: 1d\n",
                        in + "key 'gateway.mqtt.keep-alive-max': '1d' is outside 1s-65535s")),
                bad("MQTT keep-alive of zero", Bad.env("LANDLINE_GATEWAY_MQTT_KEEP_ALIVE_MAX", "0s",
                        "config error in environment variable LANDLINE_GATEWAY_MQTT_KEEP_ALIVE_MAX: key 'gateway.mqtt.keep-alive-max': '0s' is outside 1s-65535s")),
                bad("MQTT connect timeout too long", Bad.file("gateway:\n  mqtt:\n    connect-timeout: 1h\n",
                        in + "key 'gateway.mqtt.connect-timeout': '1h' is outside 1s-5m")),
                bad("MQTT session expiry negative", Bad.file("gateway:\n  mqtt:\n    session-expiry-max: -1d\n",
                        in + "key 'gateway.mqtt.session-expiry-max': '-1d' is a negative duration")),
                bad("MQTT host not an address", Bad.file("gateway:\n  mqtt:\n    host: not an address\n",
                        in + "key 'gateway.mqtt.host': 'not an address' is not an IP address or host name")),

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

                // Activation.
                bad("unknown activation policy", Bad.file("gateway:\n  activation:\n    policy: closed\n",
                        in + "key 'gateway.activation.policy': 'closed' is not one of open | invite | enrollment")),
                bad("enrollment policy without a key", Bad.file("gateway:\n  activation:\n    policy: enrollment\n",
                        in + "key 'gateway.activation.policy': 'enrollment' needs gateway.activation.enrollment-key, the PEM public key"
                                + " that verifies enrollment tokens, which is empty")),
                bad("missing enrollment key", Bad.file("gateway:\n  activation:\n    policy: enrollment\n    enrollment-key: keys/operator.pub\n",
                        in + "key 'gateway.activation.enrollment-key': 'keys/operator.pub' does not exist (resolved to {dir}/keys/operator.pub)")),
                bad("enrollment key that is no public key", Bad.file("gateway:\n  activation:\n    enrollment-key: cert.pem\n",
                        in + "key 'gateway.activation.enrollment-key': 'cert.pem' is not valid PEM (a block cannot be decoded)")),
                bad("RSA enrollment key", Bad.file("gateway:\n  activation:\n    enrollment-key: rsa.pub\n",
                        in + "key 'gateway.activation.enrollment-key': 'rsa.pub' holds a public key that is neither P-256 nor Ed25519 (1.2.840.113549.1.1.1)")),
                bad("enrollment key file with only a private key", Bad.file("gateway:\n  activation:\n    enrollment-key: p256.key\n",
                        in + "key 'gateway.activation.enrollment-key': 'p256.key' holds no PEM public key"
                                + " (expected -----BEGIN PUBLIC KEY-----, e.g. from openssl pkey -pubout)")),
                bad("certificate validity too short", Bad.file("gateway:\n  activation:\n    certificate-validity: 30m\n",
                        in + "key 'gateway.activation.certificate-validity': '30m' is outside 1h-3650d")),
                bad("enrollment lifetime too long", Bad.file("gateway:\n  activation:\n    enrollment-max-lifetime: 400d\n",
                        in + "key 'gateway.activation.enrollment-max-lifetime': '400d' is outside 1m-365d")),
                bad("rate in words", Bad.file("gateway:\n  activation:\n    rate: ten a minute\n",
                        in + "key 'gateway.activation.rate': 'ten a minute' is not a rate (write e.g. 10/min, 1/s or 500/h)")),
                bad("rate of zero", Bad.file("gateway:\n  activation:\n    rate: 0/min\n",
                        in + "key 'gateway.activation.rate': '0/min' is a rate of zero (write at least 1/h)")),
                bad("burst of zero", Bad.file("gateway:\n  activation:\n    burst: 0\n",
                        in + "key 'gateway.activation.burst': '0' is outside 1-100000")),
                bad("bad policy from the environment", Bad.env("LANDLINE_GATEWAY_ACTIVATION_POLICY", "anyone",
                        "config error in environment variable LANDLINE_GATEWAY_ACTIVATION_POLICY: key 'gateway.activation.policy':"
                                + " 'anyone' is not one of open | invite | enrollment")),
                // Provider keys and the push store.
                bad("provider entry is not a mapping", Bad.file("gateway:\n  providers: [ABCDE12345]\n",
                        in + "key 'gateway.providers[0]': 'ABCDE12345' is a single value where a mapping of team, key-id, key, topics is expected")),
                bad("providers from the environment are not mappings", Bad.env("LANDLINE_GATEWAY_PROVIDERS", "ABCDE12345",
                        "config error in environment variable LANDLINE_GATEWAY_PROVIDERS: key 'gateway.providers[0]': 'ABCDE12345'"
                                + " is a single value where a mapping of team, key-id, key, topics is expected")),
                bad("misspelt provider field", Bad.file("gateway:\n  providers:\n    - team: T\n      key_id: K\n      key: p256.pem\n",
                        in + "unknown key 'gateway.providers[0].key_id' (did you mean 'gateway.providers[0].key-id'?)")),
                bad("provider without key-id", Bad.file("gateway:\n  providers:\n    - team: T\n      key: p256.pem\n",
                        in + "key 'gateway.providers[0].key-id': '' is missing; every entry of gateway.providers needs key-id")),
                bad("provider team with a space", Bad.file("gateway:\n  providers:\n    - team: my team\n      key-id: K\n      key: p256.pem\n",
                        in + "key 'gateway.providers[0].team': 'my team' is not a team id (1-64 letters, digits, '.', '_' or '-')")),
                bad("provider key file missing", Bad.file("gateway:\n  providers:\n    - team: T\n      key-id: K\n      key: keys/none.pem\n",
                        in + "key 'gateway.providers[0].key': 'keys/none.pem' does not exist (resolved to {dir}/keys/none.pem)")),
                bad("provider key is a private key", Bad.file("gateway:\n  providers:\n    - team: T\n      key-id: K\n      key: key.pem\n",
                        in + "key 'gateway.providers[0].key': 'key.pem' is not an ES256 key: no PEM public key found"
                                + " (expected -----BEGIN PUBLIC KEY-----) (this is a private key: give its public half, openssl ec -pubout)")),
                bad("provider key on another curve", Bad.file("gateway:\n  providers:\n    - team: T\n      key-id: K\n      key: p384.pem\n",
                        in + "key 'gateway.providers[0].key': 'p384.pem' is not an ES256 key: an EC key on another curve than P-256 (ES256 needs P-256)")),
                bad("provider topic malformed", Bad.file("gateway:\n  providers:\n    - team: T\n      key-id: K\n      key: p256.pem\n      topics: [com.example.app, \"a b\"]\n",
                        in + "key 'gateway.providers[0].topics[1]': 'a b' is not a topic (1-255 letters, digits, '.', '_' or '-')")),
                bad("provider key declared twice", Bad.file("gateway:\n  providers:\n    - {team: T, key-id: K, key: p256.pem}\n    - {team: T, key-id: K, key: p256.pem}\n",
                        in + "key 'gateway.providers[1].key-id': 'K' is declared twice for team T")),
                bad("pending cap zero", Bad.file("gateway:\n  push:\n    max-pending-per-device: 0\n",
                        in + "key 'gateway.push.max-pending-per-device': '0' is outside 1-100000")),
                bad("receipt retention under a second", Bad.file("gateway:\n  push:\n    receipt-retention: 500ms\n",
                        in + "key 'gateway.push.receipt-retention': '500ms' is shorter than 1s")),
                bad("negative team rate", Bad.file("gateway:\n  push:\n    team-rate-limit: -1\n",
                        in + "key 'gateway.push.team-rate-limit': '-1' is outside 0-1000000")),
                bad("delivery wait too long", Bad.file("gateway:\n  push:\n    delivery-wait: 1m\n",
                        in + "key 'gateway.push.delivery-wait': '1m' is outside 0s-10s")),
                bad("commit batch in words", Bad.env("LANDLINE_GATEWAY_PUSH_COMMIT_MAX_BATCH", "big",
                        "config error in environment variable LANDLINE_GATEWAY_PUSH_COMMIT_MAX_BATCH: key 'gateway.push.commit-max-batch': 'big' is not a whole number")),
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
                bad("receive coalescing beyond a millisecond", Bad.file("relay:\n  turn:\n    receive-coalescing: 5ms\n",
                        in + "key 'relay.turn.receive-coalescing': '5ms' is outside 0s-1ms")),
                bad("receive coalescing in nanoseconds", Bad.env("LANDLINE_RELAY_TURN_RECEIVE_COALESCING", "100ns",
                        "config error in environment variable LANDLINE_RELAY_TURN_RECEIVE_COALESCING: key 'relay.turn.receive-coalescing':"
                                + " '100ns' is not a duration (write e.g. 500ms, 10s, 5m, 1h or 1d)")),
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
        try {
            java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            Fixtures.write(dir, "rsa.pub", pem("PUBLIC KEY", rsa.generateKeyPair().getPublic().getEncoded()));
            java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
            ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            Fixtures.write(dir, "p256.key", pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Fixtures.write(dir, "p256.pem", publicKeyPem("secp256r1"));
        Fixtures.write(dir, "p384.pem", publicKeyPem("secp384r1"));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static String publicKeyPem(String curve) {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec(curve));
            return "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
