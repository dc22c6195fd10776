package io.landline.relay.turn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.attribute.ChannelNumber;
import io.landline.protocol.stun.attribute.XorPeerAddress;
import io.landline.protocol.stun.attribute.XorRelayedAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * UDP datagrams are read into buffers of {@link Datagrams#RECEIVE_BYTES}: the largest accepted
 * datagram ({@link Datagrams#MAX_BYTES}) passes whole in both directions, and a longer one is
 * a counted drop, never relayed cut short.
 */
class DatagramSizeTest {

    private static final int CHANNEL = 0x4000;

    static TurnFixture turn;
    private StunClient client;
    private DatagramSocket peer;
    private InetSocketAddress relayed;

    @BeforeAll
    static void start() throws Exception {
        turn = TurnFixture.with().allow("127.0.0.0/8").start();
    }

    @AfterAll
    static void stop() throws Exception {
        turn.close();
    }

    @BeforeEach
    void bindChannelToPeer() throws Exception {
        client = new StunClient(turn.udp());
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        relayed = client.allocate().first(XorRelayedAddress.class).orElseThrow().address();
        StunMessage bound = client.exchange(client.signed(StunMethod.CHANNEL_BIND, new ChannelNumber(CHANNEL),
                new XorPeerAddress((InetSocketAddress) peer.getLocalSocketAddress())));
        assertThat(bound.messageClass()).as("ChannelBind %s", bound).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @AfterEach
    void close() {
        client.close();
        peer.close();
    }

    @Test
    void channelDataOfTheLargestAcceptedSizeReachesThePeerWhole() throws Exception {
        byte[] payload = filled(Datagrams.MAX_BYTES - 4);
        client.send(channelData(payload));
        assertThat(receiveAtPeer(3000)).isEqualTo(payload);
    }

    @Test
    void clientDatagramBeyondTheLimitIsACountedDropNotACutRelay() throws Exception {
        double before = turn.metrics().dropped(Datagrams.OVERSIZE);
        client.send(channelData(filled(Datagrams.MAX_BYTES - 3)));
        await().atMost(Duration.ofSeconds(3)).until(() -> turn.metrics().dropped(Datagrams.OVERSIZE) > before);
        assertThat(receiveAtPeer(200)).as("nothing relayed").isNull();
    }

    @Test
    void peerDatagramOfTheLargestAcceptedSizeReachesTheClientWhole() throws Exception {
        byte[] payload = filled(Datagrams.MAX_BYTES);
        peer.send(new DatagramPacket(payload, payload.length, relayed));
        byte[] frame = client.receiveRaw(3000);
        assertThat(frame).as("ChannelData to the client").isNotNull();
        assertThat(Arrays.copyOfRange(frame, 0, 4)).isEqualTo(new byte[] {0x40, 0x00, 0x20, 0x00});
        assertThat(Arrays.copyOfRange(frame, 4, frame.length)).isEqualTo(payload);
    }

    @Test
    void peerDatagramBeyondTheLimitIsACountedDropNotACutRelay() throws Exception {
        double before = turn.metrics().dropped(Datagrams.OVERSIZE);
        byte[] payload = filled(Datagrams.MAX_BYTES + 1);
        peer.send(new DatagramPacket(payload, payload.length, relayed));
        await().atMost(Duration.ofSeconds(3)).until(() -> turn.metrics().dropped(Datagrams.OVERSIZE) > before);
        assertThat(client.receiveRaw(200)).as("nothing relayed").isNull();
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static byte[] channelData(byte[] payload) {
        byte[] frame = new byte[4 + payload.length];
        frame[0] = (byte) (CHANNEL >> 8);
        frame[1] = (byte) CHANNEL;
        frame[2] = (byte) (payload.length >> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        return frame;
    }

    private byte[] receiveAtPeer(int timeoutMs) throws Exception {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        peer.setSoTimeout(timeoutMs);
        try {
            peer.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }
}
