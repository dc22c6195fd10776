package io.landline.relay.turn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ice4j, the ICE agent of Jitsi, as a TURN client: its TurnCandidateHarvester gathers a
 * relayed candidate from our server with long-term credentials, and two agents that are
 * given only each other's relayed candidates connect through the relay and exchange data.
 */
class Ice4jRelayTest {

    private TurnFixture turn;
    private Agent controlling;
    private Agent controlled;

    @BeforeEach
    void start() throws Exception {
        turn = TurnFixture.with().allow("127.0.0.0/8").start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Agent agent : new Agent[] {controlling, controlled}) {
            if (agent != null) {
                agent.free();
            }
        }
        turn.close();
    }

    @Test
    void turnHarvesterGathersARelayedCandidate() throws Exception {
        controlling = agent(true);
        Component component = component(controlling);

        LocalCandidate relayed = relayedCandidate(component);

        assertThat(relayed.getTransportAddress().getAddress()).isEqualTo(turn.server.relayAddress());
        assertThat(turn.server.allocationCount()).isPositive();
    }

    @Test
    void twoAgentsConnectThroughTheRelayAndExchangeData() throws Exception {
        controlling = agent(true);
        controlled = agent(false);
        Component a = component(controlling);
        Component b = component(controlled);
        relayOnly(controlling, a, controlled, b);
        relayOnly(controlled, b, controlling, a);
        double relayedBefore = turn.registry.get("landline.turn.relayed.packets").tag("direction", "client_to_peer").functionCounter().count();

        controlling.startConnectivityEstablishment();
        controlled.startConnectivityEstablishment();
        await().atMost(Duration.ofSeconds(20)).until(() -> isConnected(controlling) && isConnected(controlled));

        assertThat(a.getSelectedPair().getLocalCandidate().getType()).isEqualTo(CandidateType.RELAYED_CANDIDATE);
        assertThat(b.getSelectedPair().getLocalCandidate().getType()).isEqualTo(CandidateType.RELAYED_CANDIDATE);
        assertThat(exchange(a, b, "hello through the relay")).isEqualTo("hello through the relay");
        assertThat(exchange(b, a, "and back again")).isEqualTo("and back again");
        assertThat(turn.registry.get("landline.turn.relayed.packets").tag("direction", "client_to_peer").functionCounter().count())
                .isGreaterThan(relayedBefore);
    }

    /** Sends {@code text} from one component's socket and reads it at the other's; UDP, so a lost first datagram is resent. */
    private static String exchange(Component from, Component to, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        to.getSocket().setSoTimeout(1000);
        for (int attempt = 0; attempt < 5; attempt++) {
            from.send(bytes, 0, bytes.length);
            DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
            try {
                to.getSocket().receive(packet);
                return new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
            } catch (SocketTimeoutException e) {
                // resend
            }
        }
        return null;
    }

    private static boolean isConnected(Agent agent) {
        IceProcessingState state = agent.getState();
        return state == IceProcessingState.COMPLETED || state == IceProcessingState.TERMINATED;
    }

    private Agent agent(boolean controlling) {
        Agent agent = new Agent();
        agent.setControlling(controlling);
        agent.setPerformConsentFreshness(false);
        agent.addCandidateHarvester(new TurnCandidateHarvester(new TransportAddress("127.0.0.1", turn.port, Transport.UDP),
                new LongTermCredential(TurnFixture.USER, TurnFixture.PASSWORD)));
        return agent;
    }

    private static Component component(Agent agent) throws Exception {
        IceMediaStream stream = agent.createMediaStream("data");
        return agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
    }

    private static LocalCandidate relayedCandidate(Component component) {
        return component.getLocalCandidates().stream().filter(c -> c.getType() == CandidateType.RELAYED_CANDIDATE).findFirst()
                .orElseThrow(() -> new AssertionError("no relayed candidate among " + component.getLocalCandidates()));
    }

    /** Gives {@code to} only the relayed candidate of {@code from}: the one path left goes through the relay. */
    private static void relayOnly(Agent to, Component toComponent, Agent from, Component fromComponent) {
        IceMediaStream stream = toComponent.getParentStream();
        stream.setRemoteUfrag(from.getLocalUfrag());
        stream.setRemotePassword(from.getLocalPassword());
        LocalCandidate relayed = relayedCandidate(fromComponent);
        toComponent.addRemoteCandidates(List.of(new RemoteCandidate(relayed.getTransportAddress(), toComponent,
                CandidateType.RELAYED_CANDIDATE, relayed.getFoundation(), relayed.getPriority(), null)));
    }
}
