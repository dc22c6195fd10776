package io.landline.appliance.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("https", "https.host", "https.port", "admin", "admin.host",
            "admin.port", "cluster", "cluster.port", "cluster.bus-port", "cluster.members");

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({"port, port, 0", "prot, port, 1", "port, ports, 1", "pot, port, 1", "porting, port, 3", "'', abc, 3"})
    void distanceCountsTranspositionsAsOneEdit(String a, String b, int distance) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(distance);
        assertThat(Suggestions.distance(b, a)).isEqualTo(distance);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"https.prot, https.port", "htps, https", "cluster.member, cluster.members", "admn.port, admin.port",
            "https.bus-port, cluster.bus-port", "cluster.bus_port, cluster.bus-port"})
    void suggestsACloseOrMisplacedKey(String unknown, String suggestion) {
        assertThat(Suggestions.closest(unknown, KEYS)).contains(suggestion);
    }

    @ParameterizedTest
    @CsvSource({"logging", "tls", "https.certificate", "port"})
    void suggestsNothingWhenNothingIsClose(String unknown) {
        assertThat(Suggestions.closest(unknown, KEYS)).isEqualTo(Optional.empty());
    }
}
