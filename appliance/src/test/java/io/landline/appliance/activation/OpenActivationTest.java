package io.landline.appliance.activation;

import static io.landline.testkit.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.appliance.cli.CliRun;
import io.landline.appliance.node.Http;
import io.landline.appliance.node.RunningNode;
import io.landline.client.device.ActivatedDevice;
import io.landline.client.device.Activation;
import io.landline.client.device.ActivationCredential;
import io.landline.client.device.DeviceIdentity;
import io.landline.client.device.DeviceKeyType;
import io.landline.device.DeviceEvents;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A development node (open policy) activating devices made by OpenSSL and curl, by the SDK,
 * and refusing hostile requests over real HTTPS; then revoking devices with the CLI.
 */
class OpenActivationTest {

    @RegisterExtension
    static final RunningNode NODE = new RunningNode("gateway:\n  activation:\n    rate: 100/s\n    burst: 100\n");
    static Activations activations;

    @TempDir
    Path dir;

    @BeforeAll
    static void client() throws Exception {
        activations = new Activations(NODE.config());
    }

    /** The quick tour of docs/quick-tour.md, step for step. */
    @ParameterizedTest
    @EnumSource(DeviceKeyType.class)
    void opensslRequestSentWithCurlGetsACertificateThatOpensslVerifiesWithTheTokenAsCommonName(DeviceKeyType type) throws Exception {
        String key = dir.resolve("device.key").toString();
        String csr = dir.resolve("device.csr").toString();
        if (type == DeviceKeyType.P256) {
            run(List.of("openssl", "ecparam", "-genkey", "-name", "prime256v1", "-out", key));
        } else {
            run(List.of("openssl", "genpkey", "-algorithm", "ed25519", "-out", key));
        }
        run(List.of("openssl", "req", "-new", "-key", key, "-subj", "/CN=device", "-out", csr));

        String answer = run(List.of("curl", "-sS", "--fail-with-body", "--cacert", NODE.config().caFile().toString(),
                "-H", "content-type: application/pkcs10", "--data-binary", "@" + csr, NODE.config().httpsUrl("/v1/activate")));

        JsonObject activation = new JsonObject(answer);
        String token = activation.getString("token");
        assertThat(token).matches("[0-9a-f]{64}");
        Path certificate = Files.writeString(dir.resolve("device.pem"), activation.getString("certificate"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), activation.getString("ca"));
        assertThat(Files.readString(ca)).isEqualTo(Files.readString(NODE.config().caFile()));
        assertThat(run(List.of("openssl", "verify", "-CAfile", ca.toString(), certificate.toString()))).contains(certificate + ": OK");
        assertThat(run(List.of("openssl", "x509", "-in", certificate.toString(), "-noout", "-subject", "-nameopt", "RFC2253")).strip())
                .isEqualTo("subject=CN=" + token);
        assertThat(run(List.of("openssl", "x509", "-in", certificate.toString(), "-noout", "-pubkey")))
                .isEqualTo(run(List.of("openssl", "pkey", "-in", key, "-pubout")));
    }

    @ParameterizedTest
    @EnumSource(DeviceKeyType.class)
    void sdkActivatesAndSavesPemFilesAnMqttClientTakes(DeviceKeyType type) throws Exception {
        ActivatedDevice device = Activation.to(URI.create(NODE.config().httpsUrl("/")), NODE.config().caFile())
                .activate(DeviceIdentity.generate(type), ActivationCredential.none());
        device.save(dir);

        assertThat(ActivatedDevice.load(dir)).isEqualTo(device);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("device.key")))).isEqualTo("rw-------");
        assertThat(run(List.of("openssl", "verify", "-CAfile", dir.resolve("ca.pem").toString(), dir.resolve("device.pem").toString())))
                .contains(": OK");
        CliRun shown = activations.cli("device", "show", device.token());
        assertThat(shown.code()).isZero();
        assertThat(shown.out()).contains(device.token()).contains(type == DeviceKeyType.P256 ? "EC P-256" : "Ed25519").contains("active");
    }

    private static Arguments hostile(String name, byte[] body, String contentType, int status, String reason) {
        return Arguments.of(Named.of(name, body), contentType, status, reason);
    }

    static Stream<Arguments> hostileRequests() throws Exception {
        Path tmp = Files.createTempDirectory("hostile-csr");
        String rsaCsr = tmp.resolve("rsa.csr").toString();
        run(List.of("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp.resolve("rsa.key").toString(),
                "-subj", "/CN=device", "-out", rsaCsr));
        byte[] der = DeviceIdentity.generate(DeviceKeyType.P256).certificationRequest().getEncoded();
        der[der.length - 3] ^= 0x01;
        byte[] badSignature = ("-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n").getBytes(StandardCharsets.US_ASCII);
        byte[] good = DeviceIdentity.generate(DeviceKeyType.P256).certificationRequestPem().getBytes(StandardCharsets.US_ASCII);
        String pkcs10 = "application/pkcs10";
        return Stream.of(
                hostile("garbage", "\u0000\u00ff{not a csr}".getBytes(StandardCharsets.ISO_8859_1), pkcs10, 400, "BadCertificateSigningRequest"),
                hostile("empty body", new byte[0], pkcs10, 400, "BadCertificateSigningRequest"),
                hostile("bad signature", badSignature, pkcs10, 400, "BadCertificateSigningRequest"),
                hostile("RSA request from openssl", Files.readAllBytes(Path.of(rsaCsr)), pkcs10, 400, "UnsupportedKeyAlgorithm"),
                hostile("the CA certificate instead of a request", Files.readAllBytes(NODE.config().caFile()), pkcs10, 400, "BadCertificateSigningRequest"),
                hostile("64 KiB body", new byte[64 * 1024], pkcs10, 413, "PayloadTooLarge"),
                hostile("good request as text/plain", good, "text/plain", 415, "UnsupportedMediaType"),
                hostile("good request as JSON", good, "application/json", 415, "UnsupportedMediaType"));
    }

    @ParameterizedTest
    @MethodSource("hostileRequests")
    void hostileRequestGetsItsStatusAndReasonAndTheNextGoodOneIsActivated(byte[] body, String contentType, int status, String reason)
            throws Exception {
        HttpResponse<String> refused = activations.post(body, "content-type", contentType);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        assertThat(Activations.reason(refused)).isEqualTo(reason);
        HttpResponse<String> good = activations.postCsr(DeviceIdentity.generate(DeviceKeyType.ED25519).certificationRequestPem()
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(good.statusCode()).isEqualTo(201);
    }

    @Test
    void requestWithoutContentTypeIsRefused415() throws Exception {
        HttpResponse<String> refused = activations.post(DeviceIdentity.generate(DeviceKeyType.P256).certificationRequestPem().getBytes(StandardCharsets.US_ASCII));

        assertThat(refused.statusCode()).isEqualTo(415);
    }

    @Test
    void getIsRefused405() throws Exception {
        HttpResponse<String> response = Http.trusting(NODE.config().caFile()).send(java.net.http.HttpRequest.newBuilder(
                URI.create(NODE.config().httpsUrl("/v1/activate"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(Activations.reason(response)).isEqualTo("MethodNotAllowed");
        assertThat(response.headers().firstValue("allow")).contains("POST");
    }

    @Test
    void outcomesAreCountedByReason() throws Exception {
        activations.postCsr("nope".getBytes(StandardCharsets.US_ASCII));
        activations.postCsr(DeviceIdentity.generate(DeviceKeyType.P256).certificationRequestPem().getBytes(StandardCharsets.US_ASCII));

        assertThat(activations.metrics())
                .containsPattern("landline_activation_requests_total\\{outcome=\"refused\",reason=\"BadCertificateSigningRequest\"} [1-9]")
                .containsPattern("landline_activation_requests_total\\{outcome=\"activated\",reason=\"none\"} [1-9]")
                .contains("landline_activation_requests_total{outcome=\"refused\",reason=\"InviteUsed\"} 0.0")
                .contains("landline_activation_duration_seconds_count")
                .contains("landline_activation_rate_limited_total 0.0")
                .contains("landline_activation_rate_sources");
    }

    @Test
    void revokeCommandMarksTheDeviceRevokedAndTellsTheClusterAtOnce() throws Exception {
        ActivatedDevice device = Activation.to(URI.create(NODE.config().httpsUrl("/")), NODE.config().caFile())
                .activate(DeviceIdentity.generate(DeviceKeyType.P256), ActivationCredential.none());
        CopyOnWriteArrayList<String> revoked = new CopyOnWriteArrayList<>();
        io.vertx.core.Future<Void> registered = NODE.vertx().eventBus().<String>consumer(DeviceEvents.REVOKED, m -> revoked.add(m.body())).completion();
        registered.toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);

        CliRun run = activations.cli("device", "revoke", device.token());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("revoked device " + device.token() + " at ");
        await().atMost(Duration.ofSeconds(5)).until(() -> revoked.contains(device.token()));
        assertThat(activations.cli("device", "show", device.token()).out()).contains("revoked 20");
        assertThat(activations.metrics()).containsPattern("landline_activation_revocations_total [1-9]");

        CliRun again = activations.cli("device", "revoke", device.token().toUpperCase());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("was already revoked at");
    }

    @Test
    void revokingAnUnknownTokenExits1AndAMalformedOneExits2() {
        CliRun unknown = activations.cli("device", "revoke", "ab".repeat(32));
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no device has token " + "ab".repeat(32));

        CliRun malformed = activations.cli("device", "revoke", "not-a-token");
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("'not-a-token' is not a device token");
    }

    @Test
    void listCountsActiveAndRevokedDevices() throws Exception {
        activations.postCsr(DeviceIdentity.generate(DeviceKeyType.P256).certificationRequestPem().getBytes(StandardCharsets.US_ASCII));

        CliRun list = activations.cli("device", "list", "--limit", "3");

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("[1-9][0-9]* device\\(s\\): [0-9]+ active, [0-9]+ revoked");
        assertThat(list.out().lines().count()).isBetween(2L, 4L);
    }
}
