package io.landline.relay.turn.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Relaying on the relay's own loops with receive coalescing on, and on Vert.x's loops with it
 * off: a burst far larger than one read batch reaches the peer whole and in order, both ways
 * (the backlog path reads on without pausing), and a lone packet after the burst still gets
 * through (the loop went back to blocking).
 */
class CoalescedRelayTest {

    private static final int CHANNEL = 0x4001;
    /** Far more than one read batch, yet within a default socket receive buffer (rmem_default) on every side. */
    private static final int BURST = 200;

    @ParameterizedTest(name = "receive coalescing {0} µs")
    @ValueSource(ints = {0, 100, 1000})
    void aBurstArrivesWholeAndInOrderAndALonePacketAfterIt(int micros) throws Exception {
        try (TurnFixture turn = TurnFixture.with().allow("127.0.0.0/8").receiveCoalescing(Duration.ofNanos(micros * 1000L)).start();
             StunClient client = new StunClient(turn.udp());
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress relayed = client.allocate().first(XorRelayedAddress.class).orElseThrow().address();
            StunMessage bound = client.exchange(client.signed(StunMethod.CHANNEL_BIND, new ChannelNumber(CHANNEL),
                    new XorPeerAddress((InetSocketAddress) peer.getLocalSocketAddress())));
            assertThat(bound.messageClass()).as("ChannelBind %s", bound).isEqualTo(StunClass.SUCCESS_RESPONSE);

            for (int i = 0; i < BURST; i++) {
                client.send(channelData(i));
            }
            assertThat(receiveAtPeer(peer, BURST)).containsExactlyElementsOf(IntStream.range(0, BURST).boxed().toList());

            for (int i = 0; i < BURST; i++) {
                byte[] payload = ByteBuffer.allocate(8).putInt(i).putInt(~i).array();
                peer.send(new DatagramPacket(payload, payload.length, relayed));
            }
            List<Integer> toClient = new ArrayList<>();
            byte[] frame;
            while (toClient.size() < BURST && (frame = client.receiveRaw(3000)) != null) {
                assertThat(frame).hasSize(12);
                toClient.add(ByteBuffer.wrap(frame, 4, 4).getInt());
            }
            assertThat(toClient).containsExactlyElementsOf(IntStream.range(0, BURST).boxed().toList());

            Thread.sleep(50);
            client.send(channelData(BURST));
            assertThat(receiveAtPeer(peer, 1)).containsExactly(BURST);
        }
    }

    private static byte[] channelData(int sequence) {
        return ByteBuffer.allocate(4 + 8).putShort((short) CHANNEL).putShort((short) 8).putInt(sequence).putInt(~sequence).array();
    }

    private static List<Integer> receiveAtPeer(DatagramSocket peer, int count) throws Exception {
        List<Integer> sequences = new ArrayList<>();
        byte[] buffer = new byte[64];
        peer.setSoTimeout(3000);
        try {
            while (sequences.size() < count) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                peer.receive(packet);
                sequences.add(ByteBuffer.wrap(buffer, 0, packet.getLength()).getInt());
            }
        } catch (SocketTimeoutException e) {
            // fewer than count: the assertion shows which
        }
        return sequences;
    }
}
