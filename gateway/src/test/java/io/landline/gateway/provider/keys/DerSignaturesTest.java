package io.landline.gateway.provider.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DerSignaturesTest {

    @Test
    void shortIntegersArePaddedAndALeadingZeroIsStripped() {
        // SEQUENCE(INTEGER 0x01, INTEGER 0x00 0x80 ...31 more bytes)
        byte[] s = new byte[33];
        s[1] = (byte) 0x80;
        byte[] der = new byte[2 + 3 + 2 + 33];
        der[0] = 0x30;
        der[1] = (byte) (der.length - 2);
        der[2] = 0x02;
        der[3] = 1;
        der[4] = 1;
        der[5] = 0x02;
        der[6] = 33;
        System.arraycopy(s, 0, der, 7, 33);

        byte[] raw = DerSignatures.toP1363(der).orElseThrow();

        assertThat(raw).hasSize(64);
        assertThat(raw[31]).isEqualTo((byte) 1);
        assertThat(raw[32]).isEqualTo((byte) 0x80);
    }

    static Stream<Arguments> notSignatures() {
        return Stream.of(
                Arguments.of(Named.of("empty", new byte[0])),
                Arguments.of(Named.of("raw r||s", new byte[64])),
                Arguments.of(Named.of("length lies", new byte[] {0x30, 0x7f, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01})),
                Arguments.of(Named.of("one integer", new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x05, 0x00, 0x00})),
                Arguments.of(Named.of("negative r", new byte[] {0x30, 0x06, 0x02, 0x01, (byte) 0x81, 0x02, 0x01, 0x01})),
                Arguments.of(Named.of("zero-length r", new byte[] {0x30, 0x06, 0x02, 0x00, 0x02, 0x02, 0x01, 0x01})),
                Arguments.of(Named.of("trailing byte", new byte[] {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00})),
                Arguments.of(Named.of("integer runs past the end", new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x05, 0x01})));
    }

    @ParameterizedTest
    @MethodSource("notSignatures")
    void malformedDerIsNotConverted(byte[] der) {
        assertThat(DerSignatures.toP1363(der)).isEmpty();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            if (junk.length > 1 && random.nextBoolean()) {
                junk[0] = 0x30;
                junk[1] = (byte) (junk.length - 2);
            }
            DerSignatures.toP1363(junk);
        }
    }
}
