package io.landline.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortRangeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3478-3497 | 3478 | 3497",
            "3478      | 3478 | 3478",
            "' 1 - 65535 ' | 1 | 65535",
            "5349-5349 | 5349 | 5349"})
    void wellFormedRangesParse(String text, int first, int last) {
        assertThat(PortRange.parse(text)).isEqualTo(new PortRange(first, last));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3497-3478        | is a reversed port range (first port above last)",
            "0-10             | has a port outside 1-65535",
            "65535-65536      | has a port outside 1-65535",
            "999999999        | has a port outside 1-65535",
            "9999999999       | is not a port or port range (expected e.g. 3478-3497)",
            "-5               | is not a port or port range (expected e.g. 3478-3497)",
            "3478-            | is not a port or port range (expected e.g. 3478-3497)",
            "3478-3480-3490   | is not a port or port range (expected e.g. 3478-3497)",
            "http             | is not a port or port range (expected e.g. 3478-3497)",
            "''               | is not a port or port range (expected e.g. 3478-3497)",
            "３４７８         | is not a port or port range (expected e.g. 3478-3497)"})
    void malformedRangesSayWhatIsWrong(String text, String reason) {
        assertThatThrownBy(() -> PortRange.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    @Test
    void overlapAndContainment() {
        PortRange turn = PortRange.parse("3478-3497");
        assertThat(turn.overlaps(PortRange.single(3497))).isTrue();
        assertThat(turn.overlaps(PortRange.parse("3498-4000"))).isFalse();
        assertThat(PortRange.parse("1-5000").overlaps(turn)).isTrue();
        assertThat(turn.contains(3478)).isTrue();
        assertThat(turn.contains(3477)).isFalse();
        assertThat(turn.size()).isEqualTo(20);
        assertThat(turn).hasToString("3478-3497");
        assertThat(PortRange.single(5349)).hasToString("5349");
    }
}
