package io.landline.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DeviceTokenTest {

    @Test
    void randomTokenIs64LowerCaseHexDigitsAndParsesBack() {
        DeviceToken token = DeviceToken.random(new SecureRandom());
        assertThat(token.hex()).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(DeviceToken.parse(token.hex())).contains(token);
    }

    @Test
    void upperCaseParsesToTheSameToken() {
        String hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        assertThat(DeviceToken.parse(hex.toUpperCase())).contains(DeviceToken.parse(hex).orElseThrow());
        assertThat(DeviceToken.parse(hex.toUpperCase()).orElseThrow().hex()).isEqualTo(hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeef",
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0",
            "g0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            "0011223344556677 899aabbccddeeff00112233445566778899aabbccddeeff",
            "+0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            // Arabic-Indic and full-width digits are digits to Character.digit, but not hex.
            "\u06630112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            "\uff110112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"})
    void malformedTextIsNotAToken(String text) {
        assertThat(DeviceToken.parse(text)).isEmpty();
        assertThat(DeviceToken.isValid(text)).isFalse();
    }

    @Test
    void nullIsNotAToken() {
        assertThat(DeviceToken.parse(null)).isEmpty();
    }

    @Test
    void bytesAndHexAreTheSameThirtyTwoBytesInOrder() {
        String hex = "00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210";
        DeviceToken token = DeviceToken.parse(hex).orElseThrow();

        assertThat(token.toBytes()).isEqualTo(HexFormat.of().parseHex(hex));
        assertThat(token.hex()).isEqualTo(hex);
        assertThat(token).hasToString(hex);
        DeviceToken random = DeviceToken.random(new SecureRandom());
        assertThat(HexFormat.of().formatHex(random.toBytes())).isEqualTo(random.hex());
    }

    @Test
    void tokensDifferingInAnyOneByteAreDifferent() {
        String hex = "00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210";
        DeviceToken token = DeviceToken.parse(hex).orElseThrow();
        for (int i = 0; i < DeviceToken.BYTES; i++) {
            byte[] other = token.toBytes();
            other[i] ^= 0x01;
            DeviceToken changed = DeviceToken.parse(HexFormat.of().formatHex(other)).orElseThrow();
            assertThat(changed).as("byte %d", i).isNotEqualTo(token);
            assertThat(DeviceToken.parse(changed.hex())).contains(changed);
        }
        assertThat(DeviceToken.parse(hex.toUpperCase())).get().isEqualTo(token).hasSameHashCodeAs(token);
    }

    @Test
    void toBytesIsACopy() {
        DeviceToken token = DeviceToken.random(new SecureRandom());
        String before = token.hex();
        token.toBytes()[0] ^= 0x7F;
        assertThat(token.hex()).isEqualTo(before);
    }
}
