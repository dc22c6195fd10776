package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.token.DeviceToken;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal of the provider API, as curl over HTTP/2 sees it: the status and APNs' reason
 * name, and nothing stored for a refused push.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderApiRejectionsTest {

    @TempDir
    static Path dir;

    PushNode node;
    KeyPair key;
    DeviceToken active;
    DeviceToken revoked;
    Instant revokedAt = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    void start() throws Exception {
        Curl.requireInstalled();
        key = PushNode.p256();
        node = PushNode.start(dir, PushNode.h2(), List.of(PushNode.key(key, PushNode.TEAM, PushNode.KEY_ID, PushNode.TOPICS)));
        active = node.device();
        revoked = node.device(Optional.of(revokedAt));
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    /** Which device token a case sends to. */
    enum To { ACTIVE, REVOKED, UNKNOWN, MALFORMED }

    /** Which provider token a case sends. */
    enum Jwt { GOOD, NONE, FORGED, EXPIRED, FUTURE, WRONG_TEAM, UNKNOWN_KID, ALG_NONE, GARBAGE, NOT_BEARER }

    record Case(String method, String path, To to, Jwt jwt, List<String> headers, byte[] body, int status, String reason) {
    }

    private static Arguments refused(String name, To to, Jwt jwt, List<String> headers, String body, int status, String reason) {
        return refused(name, to, jwt, headers, body.getBytes(StandardCharsets.UTF_8), status, reason);
    }

    private static Arguments refused(String name, To to, Jwt jwt, List<String> headers, byte[] body, int status, String reason) {
        return Arguments.of(Named.of(name, new Case("POST", null, to, jwt, headers, body, status, reason)));
    }

    static final List<String> TOPIC = List.of("apns-topic: com.example.app");
    static final String OK = "{\"aps\":{\"alert\":\"hi\"}}";

    private static List<String> with(String... headers) {
        List<String> all = new ArrayList<>(TOPIC);
        all.addAll(List.of(headers));
        return all;
    }

    Stream<Arguments> refusals() {
        return Stream.of(
                refused("no authorization header", To.ACTIVE, Jwt.NONE, TOPIC, OK, 403, "MissingProviderToken"),
                refused("authorization not a bearer token", To.ACTIVE, Jwt.NOT_BEARER, TOPIC, OK, 403, "MissingProviderToken"),
                refused("signature by another key", To.ACTIVE, Jwt.FORGED, TOPIC, OK, 403, "InvalidProviderToken"),
                refused("iat older than an hour", To.ACTIVE, Jwt.EXPIRED, TOPIC, OK, 403, "ExpiredProviderToken"),
                refused("iat ten minutes ahead", To.ACTIVE, Jwt.FUTURE, TOPIC, OK, 403, "InvalidProviderToken"),
                refused("iss of another team", To.ACTIVE, Jwt.WRONG_TEAM, TOPIC, OK, 403, "InvalidProviderToken"),
                refused("unknown kid", To.ACTIVE, Jwt.UNKNOWN_KID, TOPIC, OK, 403, "InvalidProviderToken"),
                refused("alg none", To.ACTIVE, Jwt.ALG_NONE, TOPIC, OK, 403, "InvalidProviderToken"),
                refused("token is not a JWT", To.ACTIVE, Jwt.GARBAGE, TOPIC, OK, 403, "InvalidProviderToken"),
                refused("malformed device token", To.MALFORMED, Jwt.GOOD, TOPIC, OK, 400, "BadDeviceToken"),
                refused("unknown device token", To.UNKNOWN, Jwt.GOOD, TOPIC, OK, 400, "BadDeviceToken"),
                refused("topic the key may not push to", To.ACTIVE, Jwt.GOOD, List.of("apns-topic: com.other.app"), OK, 400, "TopicDisallowed"),
                refused("no topic though the key has two", To.ACTIVE, Jwt.GOOD, List.of(), OK, 400, "MissingTopic"),
                refused("malformed topic", To.ACTIVE, Jwt.GOOD, List.of("apns-topic: com/example"), OK, 400, "BadTopic"),
                refused("two apns-topic headers", To.ACTIVE, Jwt.GOOD, with("apns-topic: com.example.app"), OK, 400, "DuplicateHeaders"),
                refused("priority 7", To.ACTIVE, Jwt.GOOD, with("apns-priority: 7"), OK, 400, "BadPriority"),
                refused("priority in words", To.ACTIVE, Jwt.GOOD, with("apns-priority: high"), OK, 400, "BadPriority"),
                refused("expiration in words", To.ACTIVE, Jwt.GOOD, with("apns-expiration: soon"), OK, 400, "BadExpirationDate"),
                refused("negative expiration", To.ACTIVE, Jwt.GOOD, with("apns-expiration: -1"), OK, 400, "BadExpirationDate"),
                refused("collapse id of 65 bytes", To.ACTIVE, Jwt.GOOD, with("apns-collapse-id: " + "c".repeat(65)), OK, 400, "BadCollapseId"),
                refused("apns-id not a UUID", To.ACTIVE, Jwt.GOOD, with("apns-id: 1234"), OK, 400, "BadMessageId"),
                refused("unknown push type", To.ACTIVE, Jwt.GOOD, with("apns-push-type: spam"), OK, 400, "InvalidPushType"),
                refused("empty payload", To.ACTIVE, Jwt.GOOD, TOPIC, "", 400, "PayloadEmpty"),
                refused("payload not JSON", To.ACTIVE, Jwt.GOOD, TOPIC, "hello", 400, "BadPayload"),
                refused("payload a JSON array", To.ACTIVE, Jwt.GOOD, TOPIC, "[1,2]", 400, "BadPayload"),
                refused("payload with trailing bytes", To.ACTIVE, Jwt.GOOD, TOPIC, "{\"a\":1} x", 400, "BadPayload"),
                refused("payload cut short", To.ACTIVE, Jwt.GOOD, TOPIC, "{\"a\":", 400, "BadPayload"),
                refused("payload of binary junk", To.ACTIVE, Jwt.GOOD, TOPIC, new byte[] {(byte) 0xff, 0x00, (byte) 0xfe, 0x7b}, 400, "BadPayload"),
                refused("alert payload of 4097 bytes", To.ACTIVE, Jwt.GOOD, TOPIC, payloadOf(4097), 413, "PayloadTooLarge"),
                refused("voip payload of 5121 bytes", To.ACTIVE, Jwt.GOOD, with("apns-push-type: voip"), payloadOf(5121), 413, "PayloadTooLarge"),
                refused("body of a megabyte", To.ACTIVE, Jwt.GOOD, TOPIC, payloadOf(1 << 20), 413, "PayloadTooLarge"),
                refused("revoked device", To.REVOKED, Jwt.GOOD, TOPIC, OK, 410, "Unregistered"),
                Arguments.of(Named.of("GET on a device path", new Case("GET", null, To.ACTIVE, Jwt.GOOD, TOPIC, null, 405, "MethodNotAllowed"))),
                Arguments.of(Named.of("unknown path", new Case("POST", "/3/devices/x", To.ACTIVE, Jwt.GOOD, TOPIC, OK.getBytes(StandardCharsets.UTF_8), 404, "BadPath"))));
    }

    static String payloadOf(int bytes) {
        String head = "{\"aps\":{\"alert\":\"";
        String tail = "\"}}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    private String jwt(Jwt kind) throws Exception {
        Instant now = Instant.now();
        return switch (kind) {
            case GOOD -> PushNode.jwt(key, PushNode.TEAM, PushNode.KEY_ID, now);
            case NONE, NOT_BEARER -> null;
            case FORGED -> PushNode.jwt(PushNode.p256(), PushNode.TEAM, PushNode.KEY_ID, now);
            case EXPIRED -> PushNode.jwt(key, PushNode.TEAM, PushNode.KEY_ID, now.minus(Duration.ofMinutes(61)));
            case FUTURE -> PushNode.jwt(key, PushNode.TEAM, PushNode.KEY_ID, now.plus(Duration.ofMinutes(10)));
            case WRONG_TEAM -> PushNode.jwt(key, "OTHERTEAM1", PushNode.KEY_ID, now);
            case UNKNOWN_KID -> PushNode.jwt(key, PushNode.TEAM, "NOSUCHKEY1", now);
            case ALG_NONE -> b64("{\"alg\":\"none\",\"kid\":\"" + PushNode.KEY_ID + "\"}") + "."
                    + b64("{\"iss\":\"" + PushNode.TEAM + "\",\"iat\":" + now.getEpochSecond() + "}") + ".";
            case GARBAGE -> "not.a.jwt";
        };
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private String path(Case c) {
        if (c.path() != null) {
            return c.path();
        }
        String token = switch (c.to()) {
            case ACTIVE -> active.hex();
            case REVOKED -> revoked.hex();
            case UNKNOWN -> DeviceToken.random(PushNode.RANDOM).hex();
            case MALFORMED -> "not-a-token";
        };
        return "/3/device/" + token;
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusedWithAPNsStatusAndReason(Case c) throws Exception {
        List<String> headers = new ArrayList<>(c.headers());
        String jwt = jwt(c.jwt());
        if (jwt != null) {
            headers.add("authorization: bearer " + jwt);
        } else if (c.jwt() == Jwt.NOT_BEARER) {
            headers.add("authorization: Basic dXNlcjpwYXNz");
        }
        long pendingBefore = node.store.countPending();

        Curl.Answer answer = Curl.send(c.method(), node.url(path(c)), node.caPem(), headers, c.body(), dir);

        assertThat(answer.httpVersion()).isEqualTo("2");
        assertThat(answer.status()).as(answer.body()).isEqualTo(c.status());
        JsonObject body = new JsonObject(answer.body());
        assertThat(body.getString("reason")).isEqualTo(c.reason());
        if (c.status() == 410) {
            assertThat(body.getLong("timestamp")).isEqualTo(revokedAt.toEpochMilli());
        }
        assertThat(node.store.countPending()).as("nothing stored").isEqualTo(pendingBefore);
    }

    @Test
    void wellFormedPushIsAnswered200WithTheApnsIdItBrought() throws Exception {
        String id = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        List<String> headers = with("authorization: bearer " + jwt(Jwt.GOOD), "apns-id: " + id, "apns-push-type: voip",
                "apns-priority: 5", "apns-collapse-id: " + "c".repeat(64), "apns-expiration: " + (Instant.now().getEpochSecond() + 60));

        Curl.Answer answer = Curl.send("POST", node.url("/3/device/" + active.hex()), node.caPem(), headers,
                payloadOf(5120).getBytes(StandardCharsets.UTF_8), dir);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(node.store.receipt(java.util.UUID.fromString(id))).isPresent();
    }

    @Test
    void refusalsAreCountedByReason() throws Exception {
        double before = node.counter("landline.push.rejected", "reason", "BadPriority");
        Curl.send("POST", node.url("/3/device/" + active.hex()), node.caPem(),
                with("authorization: bearer " + jwt(Jwt.GOOD), "apns-priority: 0"), OK.getBytes(StandardCharsets.UTF_8), dir);

        assertThat(node.counter("landline.push.rejected", "reason", "BadPriority") - before).isEqualTo(1);
    }

    @Test
    void teamOverItsRateIsAnswered429() throws Exception {
        try (PushNode slow = PushNode.start(dir.resolve("slow"), PushNode.h2(),
                List.of(PushNode.key(key, PushNode.TEAM, PushNode.KEY_ID, PushNode.TOPICS)), io.landline.gateway.push.PushSettings.defaults(), 2)) {
            DeviceToken token = slow.device();
            Provider provider = new Provider(slow, key, PushNode.TEAM, PushNode.KEY_ID);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(provider.push(token.hex(), OK, "apns-topic", "com.example.app").statusCode());
            }
            assertThat(statuses).contains(200, 429);
            var refused = provider.push(token.hex(), OK, "apns-topic", "com.example.app");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(new JsonObject(refused.body()).getString("reason")).isEqualTo("TooManyRequests");
        }
    }
}
