package io.landline.appliance.activation;

import static io.landline.testkit.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.landline.appliance.cli.CliRun;
import io.landline.appliance.node.RunningNode;
import io.landline.client.device.DeviceIdentity;
import io.landline.client.device.DeviceKeyType;
import io.landline.client.jws.JwsSigner;
import io.landline.tls.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node under the enrollment policy with an Ed25519 operator key made by OpenSSL: tokens
 * from {@code landline enrollment token} and from the OpenSSL recipe of the docs activate
 * once; forged, expired, unsigned and replayed ones are refused.
 */
class EnrollmentActivationTest {

    static final Path KEYS = operatorKeys();
    @RegisterExtension
    static final RunningNode NODE = new RunningNode("gateway:\n  activation:\n    policy: enrollment\n    enrollment-key: "
            + KEYS.resolve("operator.pub") + "\n    enrollment-max-lifetime: 1d\n    rate: 100/s\n    burst: 100\n");
    static Activations activations;

    private static Path operatorKeys() {
        try {
            Path dir = Files.createTempDirectory("operator");
            String key = dir.resolve("operator.key").toString();
            run(List.of("openssl", "genpkey", "-algorithm", "ed25519", "-out", key));
            run(List.of("openssl", "pkey", "-in", key, "-pubout", "-out", dir.resolve("operator.pub").toString()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void client() throws Exception {
        activations = new Activations(NODE.config());
    }

    private static byte[] csr() {
        return DeviceIdentity.generate(DeviceKeyType.P256).certificationRequestPem().getBytes(StandardCharsets.US_ASCII);
    }

    private static String cliToken(String expires) {
        CliRun run = Activations.cliWithoutConfig("enrollment", "token", "--key", KEYS.resolve("operator.key").toString(),
                "--expires", expires, "--subject", "alice@example.net");
        assertThat(run.code()).as(run.err()).isZero();
        return run.out().strip();
    }

    private static String signed(PrivateKey key, long iat, long exp, String jti) {
        return new JwsSigner(key).sign(Map.of("typ", "JWT"), Map.of("iat", iat, "exp", exp, "jti", jti));
    }

    @Test
    void cliTokenActivatesOnceAndIsThenRefusedAsUsed() throws Exception {
        String token = cliToken("10m");

        assertThat(activations.postCsr(csr(), "authorization", "Bearer " + token).statusCode()).isEqualTo(201);
        assertRefused(activations.postCsr(csr(), "authorization", "Bearer " + token), "EnrollmentTokenUsed");
    }

    /** The recipe of docs/protocol.md: header and claims by printf, the Ed25519 signature by openssl pkeyutl. */
    @Test
    void tokenSignedWithOpensslAloneActivates() throws Exception {
        long now = Instant.now().getEpochSecond();
        String script = """
                b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
                header=$(printf '{"alg":"EdDSA","typ":"JWT"}' | b64)
                claims=$(printf '{"iat":%d,"exp":%d,"jti":"%s"}' "$(date +%s)" "$(( $(date +%s) + 3600 ))" "$(openssl rand -hex 16)" | b64)
                printf '%s.%s' "$header" "$claims" > "$1/input"
                signature=$(openssl pkeyutl -sign -rawin -inkey "$1/operator.key" -in "$1/input" | b64)
                printf '%s.%s.%s' "$header" "$claims" "$signature"
                """;
        Path file = Files.writeString(KEYS.resolve("mint.sh"), script);
        String token = run(List.of("bash", file.toString(), KEYS.toString())).strip();

        HttpResponse<String> response = activations.postCsr(csr(), "authorization", "Bearer " + token);
        assertThat(response.statusCode()).as("token %s (now %d): %s", token, now, response.body()).isEqualTo(201);
    }

    @Test
    void forgedExpiredUnsignedAndMissingTokensAreRefused403() throws Exception {
        long now = Instant.now().getEpochSecond();
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        PrivateKey stranger = ed.generateKeyPair().getPrivate();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey wrongType = ec.generateKeyPair().getPrivate();
        PrivateKey operator = Pem.readPrivateKey(KEYS.resolve("operator.key"));
        String good = signed(operator, now, now + 600, "forge-base");
        String[] parts = good.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String algNone = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";

        assertRefused(activations.postCsr(csr()), "EnrollmentTokenRequired");
        assertRefused(activations.postCsr(csr(), "authorization", "Basic YWxpY2U6c2VjcmV0"), "EnrollmentTokenInvalid");
        assertRefused(activations.postCsr(csr(), "authorization", "Bearer not.a.jwt"), "EnrollmentTokenInvalid");
        assertRefused(activations.postCsr(csr(), "authorization", "Bearer " + signed(stranger, now, now + 600, "s1")), "EnrollmentTokenInvalid");
        assertRefused(activations.postCsr(csr(), "authorization", "Bearer " + signed(wrongType, now, now + 600, "s2")), "EnrollmentTokenInvalid");
        assertRefused(activations.postCsr(csr(), "authorization", "Bearer " + algNone), "EnrollmentTokenInvalid");
        assertRefused(activations.postCsr(csr(), "authorization", "Bearer " + signed(operator, now - 7200, now - 60, "old")), "EnrollmentTokenExpired");
        assertRefused(activations.postCsr(csr(), "authorization", "Bearer " + signed(operator, now, now + 2 * 86_400, "long")), "EnrollmentTokenInvalid");

        assertThat(activations.postCsr(csr(), "authorization", "Bearer " + good).statusCode()).isEqualTo(201);
    }

    @Test
    void aBadRequestDoesNotSpendTheToken() throws Exception {
        String token = cliToken("10m");

        assertThat(activations.postCsr("garbage".getBytes(StandardCharsets.US_ASCII), "authorization", "Bearer " + token).statusCode()).isEqualTo(400);

        assertThat(activations.postCsr(csr(), "authorization", "Bearer " + token).statusCode()).isEqualTo(201);
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(Activations.reason(response)).isEqualTo(reason);
    }
}
