package io.landline.invite;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InviteCodeTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void codeIsFourGroupsOfEightBase32CharactersAndParsesBack() {
        InviteCode code = InviteCode.random(RANDOM);

        assertThat(code.text()).matches("[a-z2-7]{8}(-[a-z2-7]{8}){3}");
        assertThat(InviteCode.parse(code.text())).contains(code);
    }

    @Test
    void caseDashesAndSpacesDoNotMatterToTheHash() {
        InviteCode code = InviteCode.random(RANDOM);
        String sloppy = " " + code.text().toUpperCase().replace("-", " ") + " ";

        assertThat(InviteCode.parse(sloppy).orElseThrow().hash()).isEqualTo(code.hash());
        assertThat(InviteCode.parse(code.text().replace("-", "")).orElseThrow().hash()).isEqualTo(code.hash());
    }

    @Test
    void hashIs64HexDigitsAndCodesDiffer() {
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String hash = InviteCode.random(RANDOM).hash();
            assertThat(hash).matches("[0-9a-f]{64}");
            hashes.add(hash);
        }
        assertThat(hashes).hasSize(1000);
    }

    @Test
    void toStringNeverShowsTheCode() {
        InviteCode code = InviteCode.random(RANDOM);

        assertThat(code.toString()).doesNotContain(code.text().substring(0, 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "abcdefgh-abcdefgh-abcdefgh-abcdefg", "abcdefgh-abcdefgh-abcdefgh-abcdefgha",
            "abcdefgh-abcdefgh-abcdefgh-abcdefg1", "abcdefgh-abcdefgh-abcdefgh-abcdefg\u0000",
            "abcdefgh-abcdefgh-abcdefgh-abcdefg\u00e9", "' OR 1=1 --", "abcdefghabcdefghabcdefghabcdefgh-----------------------------------"})
    void malformedTextIsNoCode(String text) {
        assertThat(InviteCode.parse(text)).isEmpty();
    }

    @Test
    void nullIsNoCode() {
        assertThat(InviteCode.parse(null)).isEmpty();
    }
}
