package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonPayloadTest {

    private static Optional<ApnsReason> check(String text) {
        return JsonPayload.problem(text.getBytes(StandardCharsets.UTF_8), 4096);
    }

    @Test
    void oneJsonObjectPasses() {
        assertThat(check("{}")).isEmpty();
        assertThat(check(" {\"aps\":{\"alert\":{\"title\":\"é\"},\"badge\":1},\"x\":[1,2,{\"y\":null}]}\n")).isEmpty();
    }

    @Test
    void anythingElseIsBadPayload() {
        for (String bad : new String[] {"[]", "1", "\"s\"", "null", "{", "{}{}", "{} x", "{\"a\":}", "{'a':1}", "\u0000{}"}) {
            assertThat(check(bad)).as(bad).contains(ApnsReason.BadPayload);
        }
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        assertThat(check("{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}")).contains(ApnsReason.BadPayload);
    }

    @Test
    void emptyAndOversizedAreNamedAsSuch() {
        assertThat(JsonPayload.problem(new byte[0], 4096)).contains(ApnsReason.PayloadEmpty);
        assertThat(JsonPayload.problem(new byte[4097], 4096)).contains(ApnsReason.PayloadTooLarge);
    }

    @Test
    void randomBytesGetAnAnswerNeverAnException() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[1 + random.nextInt(64)];
            random.nextBytes(junk);
            if (random.nextBoolean()) {
                junk[0] = '{';
            }
            assertThat(JsonPayload.problem(junk, 4096)).isNotNull();
        }
    }
}
