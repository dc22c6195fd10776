package io.landline.appliance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.cluster.ClusterSettings.Member;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "255.255.255.255", "::", "::1", "2001:db8::1", "::ffff:10.0.0.1",
            "fe80::1%eth0", "localhost", "node-1.example.com", "example.com.", "1a.example", "a", "x--y.internal"})
    void acceptsAddressLiteralsAndHostNames(String host) {
        assertThat(Addresses.isHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "300.1.2.3", "1.2.3", "1.2.3.4.", "01.2.3.4", "1.2.3.4.5", "foo_bar!", "-lead.example",
            "trail-.example", "a..b", ".", "[::1]", "2001:db8::g", "1:2:3:4:5:6:7:8:9", "has space",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example"})
    void refusesEverythingElse(String host) {
        assertThat(Addresses.isHost(host)).isFalse();
    }

    @ParameterizedTest(name = "{0} is {1} port {2}")
    @CsvSource({"10.0.0.1:5701, 10.0.0.1, 5701", "node1, node1, 5701", "node1:6000, node1, 6000",
            "[::1]:5702, ::1, 5702", "[2001:db8::1], 2001:db8::1, 5701", "fe80::1, fe80::1, 5701"})
    void membersTakeTheHazelcastPortWhenNoneIsWritten(String entry, String host, int port) {
        assertThat(Addresses.parseMember(entry)).isEqualTo(new Member(host, port));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1:        | has a bad port '' (expected 1-65535)",
            "10.0.0.1:0       | has a bad port '0' (expected 1-65535)",
            "10.0.0.1:-1      | has a bad port '-1' (expected 1-65535)",
            "[::1             | has '[' without ']' (expected [IPv6]:port)",
            "[::1]5701        | has text after ']' that is not ':port'",
            "[node1]:5701     | has no IPv6 address between '[' and ']'",
            "bad_host:5701    | has a bad host 'bad_host' (expected an IP address or host name)",
            "''               | has a bad host '' (expected an IP address or host name)"})
    void badMembersSayWhatIsWrong(String entry, String reason) {
        assertThatThrownBy(() -> Addresses.parseMember(entry)).hasMessage(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.push.example.com", "push.example.com", "203.0.113.10", "2001:db8::10"})
    void serverNamesMayBeWildcards(String name) {
        assertThat(Addresses.isServerName(name)).isTrue();
    }
}
