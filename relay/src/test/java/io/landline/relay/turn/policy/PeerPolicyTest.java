package io.landline.relay.turn.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerPolicyTest {

    private final PeerPolicy defaults = PeerPolicy.denyingSpecialRanges();

    @ParameterizedTest(name = "{0} is denied ({1})")
    @CsvSource({
            "0.0.0.0, this network",
            "0.255.255.255, this network",
            "127.0.0.1, loopback",
            "127.255.255.254, loopback",
            "10.0.0.1, private",
            "10.255.255.255, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "169.254.169.254, link-local (cloud metadata)",
            "100.64.0.1, shared address space",
            "100.127.255.255, shared address space",
            "192.0.0.8, IETF protocol assignments",
            "198.18.0.1, benchmarking",
            "198.19.255.255, benchmarking",
            "224.0.0.1, multicast",
            "239.255.255.250, multicast",
            "240.0.0.1, reserved",
            "255.255.255.255, broadcast",
            "::, unspecified",
            "::1, loopback",
            "fc00::1, unique local",
            "fd12:3456::1, unique local",
            "fe80::1, link-local",
            "febf::1, link-local",
            "ff02::1, multicast",
            "::ffff:127.0.0.1, IPv4-mapped loopback",
            "::ffff:10.1.2.3, IPv4-mapped private",
            "::ffff:169.254.169.254, IPv4-mapped link-local",
            "::ffff:0.0.0.0, IPv4-mapped this network",
            "::127.0.0.1, IPv4-compatible loopback",
            "::192.168.0.1, IPv4-compatible private",
            "::ffff:224.0.0.1, IPv4-mapped multicast",
            "64:ff9b::7f00:1, NAT64 loopback",
    })
    void specialPurposeAddressIsDenied(String address, String why) throws Exception {
        assertThat(defaults.permits(bytes(address))).as(why).isFalse();
    }

    @ParameterizedTest(name = "{0} is allowed")
    @CsvSource({"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.0.1.1", "198.20.0.1",
            "223.255.255.255", "11.0.0.1", "2001:4860:4860::8888", "2a00:1450::1", "::ffff:8.8.8.8", "fec0::1"})
    void publicAddressIsAllowed(String address) throws Exception {
        assertThat(defaults.permits(bytes(address))).isTrue();
    }

    @Test
    void allowListExemptsItsRangeInEveryForm() throws Exception {
        PeerPolicy policy = new PeerPolicy(List.of(Cidr.parse("127.0.0.0/8")));

        assertThat(policy.permits(bytes("127.0.0.1"))).isTrue();
        assertThat(policy.permits(bytes("::ffff:127.0.0.1"))).isTrue();
        assertThat(policy.permits(bytes("10.0.0.1"))).isFalse();
        assertThat(policy.permits(bytes("::1"))).isFalse();
    }

    @Test
    void allowListOfOneHostExemptsOnlyThatHost() throws Exception {
        PeerPolicy policy = new PeerPolicy(List.of(Cidr.parse("192.168.7.9"), Cidr.parse("fd00::/8")));

        assertThat(policy.permits(bytes("192.168.7.9"))).isTrue();
        assertThat(policy.permits(bytes("192.168.7.10"))).isFalse();
        assertThat(policy.permits(bytes("fd00::5"))).isTrue();
        assertThat(policy.permits(bytes("fc00::5"))).isFalse();
    }

    @Test
    void cidrClearsHostBitsAndPrintsCanonically() {
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse(" fe80::1/10 ")).hasToString("fe80:0:0:0:0:0:0:0/10");
        assertThat(Cidr.parse("::ffff:127.0.0.1/104").network().getAddress()).hasSize(16);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "example.com|is not an IP address or CIDR prefix (expected e.g. 10.0.0.0/8 or fc00::/7)",
            "10.0.0.0/33|has a prefix length outside 0-32",
            "::/129|has a prefix length outside 0-128",
            "10.0.0.0/x|is not a CIDR prefix (expected e.g. 10.0.0.0/8 or fc00::/7)",
            "300.1.1.1/8|is not an IP address or CIDR prefix (expected e.g. 10.0.0.0/8 or fc00::/7)",
            "1.2.3|is not an IP address or CIDR prefix (expected e.g. 10.0.0.0/8 or fc00::/7)",
            "a:b:c|is not an IP address or CIDR prefix (expected e.g. 10.0.0.0/8 or fc00::/7)",
    })
    void malformedPrefixIsRejectedWithReason(String text, String reason) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    private static byte[] bytes(String literal) throws Exception {
        InetAddress parsed = InetAddress.getByName(literal);
        return parsed.getAddress().length == 4 && literal.contains(":") ? Addresses.mapped(parsed.getAddress()) : parsed.getAddress();
    }
}
