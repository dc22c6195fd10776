package io.landline.appliance.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.stun.Decoded;
import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunDecoder;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.StunWriter;
import io.landline.protocol.stun.TransactionId;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.RequestedTransport;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node with the relay configured answers STUN on its TURN port and exports the relay's metrics. */
class RelayNodeTest {

    @RegisterExtension
    static final RunningNode NODE = new RunningNode();

    @Test
    void nodeAnswersStunBindingOnItsTurnPortsAndExportsTurnMetrics() throws Exception {
        TestNodeConfig config = NODE.config();
        for (int port : new int[] {config.turnPort(), config.turnPort() + 1}) {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                StunMessage answer = exchange(socket, port, StunMethod.BINDING, List.of());

                assertThat(answer.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
                assertThat(answer.first(XorMappedAddress.class).orElseThrow().address()).isEqualTo(socket.getLocalSocketAddress());
            }
        }

        String metrics = Http.get(config.adminUrl("/metrics")).body();
        assertThat(metrics).contains("landline_turn_requests_total{method=\"Binding\",outcome=\"success\"} 2.0",
                "landline_turn_allocations 0.0", "landline_turn_relayed_packets_total{direction=\"client_to_peer\"}",
                "landline_turn_relayed_bytes_total{direction=\"peer_to_client\"}", "landline_turn_relay_ports_in_use");
    }

    @Test
    void nodeWithoutUsersOrSecretsRefusesTurnWith403() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            StunMessage answer = exchange(socket, NODE.config().turnPort(), StunMethod.ALLOCATE, List.of(new RequestedTransport(17)));

            assertThat(answer.first(ErrorCode.class).orElseThrow().code()).isEqualTo(403);
        }
    }

    private static StunMessage exchange(DatagramSocket socket, int port, StunMethod method, List<StunAttribute> attributes) throws Exception {
        socket.setSoTimeout(3000);
        ByteBuf out = Unpooled.buffer();
        StunWriter.encode(StunMessage.of(StunClass.REQUEST, method, TransactionId.random(new SecureRandom()), attributes), StunTrailer.NONE, out);
        byte[] request = ByteBufUtil.getBytes(out);
        out.release();
        socket.send(new DatagramPacket(request, request.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return ((Decoded<StunMessage>) new StunDecoder().decode(Unpooled.wrappedBuffer(packet.getData(), 0, packet.getLength()))).value();
    }
}
