package io.landline.relay.turn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunDecoder;
import io.landline.protocol.stun.StunKeys;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.TransactionId;
import io.landline.protocol.stun.attribute.AdditionalAddressFamily;
import io.landline.protocol.stun.attribute.AddressFamily;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.Realm;
import io.landline.protocol.stun.attribute.RequestedAddressFamily;
import io.landline.protocol.stun.attribute.RequestedTransport;
import io.landline.protocol.stun.attribute.Username;
import io.landline.protocol.stun.attribute.XorPeerAddress;
import io.landline.protocol.stun.attribute.XorRelayedAddress;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IPv6 relaying (RFC 8656 §7.2, RFC 6156) on a server with an IPv6 relay address, and TCP allocations' lifetime. */
class Ipv6AndStreamsTest {

    static TurnFixture turn;

    @BeforeAll
    static void start() throws Exception {
        turn = TurnFixture.with().relayIpv6(InetAddress.getByName("::1")).start();
    }

    @AfterAll
    static void stop() throws Exception {
        turn.close();
    }

    @Test
    void ipv6AllocationGetsAnIpv6RelayedAddress() {
        try (StunClient client = new StunClient(turn.udp())) {
            StunMessage answer = client.allocate(new RequestedAddressFamily(AddressFamily.IPV6));

            assertThat(answer.all(XorRelayedAddress.class)).singleElement()
                    .satisfies(a -> assertThat(a.address().getAddress()).isInstanceOf(Inet6Address.class).isEqualTo(turn6()));
            assertThat(client.exchange(client.signed(StunMethod.CREATE_PERMISSION,
                    new XorPeerAddress(new InetSocketAddress(addr("2001:db8::1"), 9)))).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(StunClient.errorCode(client.exchange(client.signed(StunMethod.CREATE_PERMISSION,
                    new XorPeerAddress(new InetSocketAddress(addr("203.0.113.1"), 9)))))).as("IPv4 peer on IPv6 allocation").isEqualTo(443);
        }
    }

    @ParameterizedTest(name = "{0} is denied on an IPv6 allocation")
    @CsvSource({"::1", "fe80::1", "fd00::1", "fc00::1", "ff02::1", "::"})
    void specialIpv6PeerIsForbidden(String peer) {
        try (StunClient client = new StunClient(turn.udp())) {
            client.allocate(new RequestedAddressFamily(AddressFamily.IPV6));

            assertThat(StunClient.errorCode(client.exchange(client.signed(StunMethod.CREATE_PERMISSION,
                    new XorPeerAddress(new InetSocketAddress(addr(peer), 9)))))).isEqualTo(403);
        }
    }

    @Test
    void dualAllocationGetsOneRelayedAddressPerFamily() {
        try (StunClient client = new StunClient(turn.udp())) {
            StunMessage answer = client.allocate(new AdditionalAddressFamily(AddressFamily.IPV6));

            assertThat(answer.all(XorRelayedAddress.class)).extracting(a -> a.address().getAddress().getAddress().length)
                    .containsExactly(4, 16);
        }
    }

    @Test
    void tcpAllocationEndsWithItsConnection() throws Exception {
        int before = turn.server.allocationCount();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), turn.port)) {
            socket.setSoTimeout(3000);
            StunMessage challenge = tcpExchange(socket, StunClient.request(StunMethod.ALLOCATE, new RequestedTransport(17)));
            String nonce = challenge.first(Nonce.class).orElseThrow().value();
            byte[] signed = StunClient.encode(StunClass.REQUEST, StunMethod.ALLOCATE, TransactionId.random(new SecureRandom()),
                    List.of(new RequestedTransport(17), new Username(TurnFixture.USER), new Realm(TurnFixture.REALM), new Nonce(nonce)),
                    StunTrailer.messageIntegrity(StunKeys.longTermMd5(TurnFixture.USER, TurnFixture.REALM, TurnFixture.PASSWORD)));
            assertThat(tcpExchange(socket, signed).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(turn.server.allocationCount()).isEqualTo(before + 1);
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> turn.server.allocationCount() == before);
    }

    private static StunMessage tcpExchange(Socket socket, byte[] request) throws Exception {
        socket.getOutputStream().write(request);
        InputStream in = socket.getInputStream();
        byte[] header = in.readNBytes(20);
        byte[] body = in.readNBytes((header[2] & 0xff) << 8 | header[3] & 0xff);
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, 20);
        System.arraycopy(body, 0, all, 20, body.length);
        return new StunDecoder().decode(Unpooled.wrappedBuffer(all)).orElseThrow();
    }

    private static InetAddress turn6() {
        return addr("::1");
    }

    private static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
