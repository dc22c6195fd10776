package io.landline.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.appliance.Landline;
import io.landline.appliance.config.ConfigLoader;
import io.landline.appliance.node.Http;
import io.landline.appliance.node.LandlineNode;
import io.landline.appliance.node.TestNodeConfig;
import io.landline.appliance.systemd.SystemdNotifier;
import io.landline.client.jws.JwsSigner;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code landline provider add/list/remove} against a running node: keys added at run time
 * sign accepted tokens at once, outlive a restart, and go when removed; a key declared in the
 * config file is listed as such and cannot be removed from the command line.
 */
class ProviderCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static Path writePublic(Path file, KeyPair pair) throws Exception {
        return Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    private static LandlineNode start(TestNodeConfig config) throws Exception {
        return LandlineNode.start(ConfigLoader.load(Optional.of(config.file()), Map.of()), SystemdNotifier.fromEnvironment(Map.of()));
    }

    /** A push signed by {@code pair} for {@code team}/{@code keyId}, answered as JSON reason (or 200). */
    private static HttpResponse<String> push(TestNodeConfig config, KeyPair pair, String team, String keyId, String topic) throws Exception {
        String jwt = new JwsSigner(pair.getPrivate()).sign(Map.of("kid", keyId), Map.of("iss", team, "iat", Instant.now().getEpochSecond()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.httpsUrl("/3/device/" + DeviceToken.random(new SecureRandom()).hex())))
                .timeout(Duration.ofSeconds(10)).header("authorization", "bearer " + jwt).header("apns-topic", topic)
                .POST(HttpRequest.BodyPublishers.ofString("{\"aps\":{}}")).build();
        return Http.trusting(config.caFile()).send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String reason(HttpResponse<String> answer) {
        return new JsonObject(answer.body()).getString("reason");
    }

    @Test
    void keysAddedAtRunTimeSignAtOnceOutliveARestartAndGoWhenRemoved() throws Exception {
        KeyPair declared = p256();
        KeyPair added = p256();
        Path declaredPem = writePublic(dir.resolve("declared.pub.pem"), declared);
        Path addedPem = writePublic(dir.resolve("added.pub.pem"), added);
        TestNodeConfig config = TestNodeConfig.in(dir);
        config.addYaml("""
                gateway:
                  providers:
                    - team: TEAMA
                      key-id: KEYA
                      key: %s
                """.formatted(declaredPem));
        String file = config.file().toString();

        LandlineNode node = start(config);
        try {
            assertThat(reason(push(config, added, "TEAMB", "KEYB", "com.b.app"))).isEqualTo("InvalidProviderToken");

            CliRun add = run("provider", "add", "-c", file, "--team", "TEAMB", "--key-id", "KEYB", "--key", addedPem.toString(), "--topics", "com.b.app,com.b.app.voip");
            assertThat(add.code()).as(add.err()).isZero();
            assertThat(run("provider", "add", "-c", file, "--team", "TEAMB", "--key-id", "KEYB", "--key", addedPem.toString()).code()).isEqualTo(1);

            // the key is in force at once: past the token check, the topic check and on to the device
            assertThat(reason(push(config, added, "TEAMB", "KEYB", "com.b.app"))).isEqualTo("BadDeviceToken");
            assertThat(reason(push(config, added, "TEAMB", "KEYB", "com.a.app"))).isEqualTo("TopicDisallowed");
            assertThat(reason(push(config, declared, "TEAMA", "KEYA", "com.a.app"))).isEqualTo("BadDeviceToken");

            CliRun list = run("provider", "list", "-c", file);
            assertThat(list.code()).isZero();
            assertThat(list.out()).containsPattern("TEAMA\\s+KEYA\\s+config\\s+\\(any\\)")
                    .containsPattern("TEAMB\\s+KEYB\\s+stored\\s+com.b.app,com.b.app.voip");

            CliRun refused = run("provider", "remove", "-c", file, "--team", "TEAMA", "--key-id", "KEYA");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("409").contains("declared in the config file");
        } finally {
            node.stop();
        }

        LandlineNode again = start(config);
        try {
            assertThat(run("provider", "list", "-c", file).out()).containsPattern("TEAMB\\s+KEYB\\s+stored");
            assertThat(reason(push(config, added, "TEAMB", "KEYB", "com.b.app"))).isEqualTo("BadDeviceToken");

            assertThat(run("provider", "remove", "-c", file, "--team", "TEAMB", "--key-id", "KEYB").code()).isZero();
            assertThat(reason(push(config, added, "TEAMB", "KEYB", "com.b.app"))).isEqualTo("InvalidProviderToken");
            CliRun missing = run("provider", "remove", "-c", file, "--team", "TEAMB", "--key-id", "KEYB");
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("404");
        } finally {
            again.stop();
        }
    }

    @Test
    void addWithAPrivateKeyFileIsRefusedWithAReason() throws Exception {
        Path notPublic = Files.writeString(dir.resolve("private.pem"), "-----BEGIN PRIVATE KEY-----\nMC4C\n-----END PRIVATE KEY-----\n");
        TestNodeConfig config = TestNodeConfig.in(dir);
        LandlineNode node = start(config);
        try {
            CliRun add = run("provider", "add", "-c", config.file().toString(), "--team", "T", "--key-id", "K", "--key", notPublic.toString());
            assertThat(add.code()).isEqualTo(1);
            assertThat(add.err()).contains("400").contains("private key");
        } finally {
            node.stop();
        }
    }
}
