package io.landline.relay.turn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.attribute.RequestedTransport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quotas and the request rate limit on a running server over UDP. */
class LimitsTest {

    static TurnFixture turn;

    @BeforeAll
    static void start() throws Exception {
        turn = TurnFixture.with().users("alice:wonderland", "bob:builder").userQuota(2).maxAllocations(3).requestsPerSecond(20).start();
    }

    @AfterAll
    static void stop() throws Exception {
        turn.close();
    }

    @Test
    void userQuotaGets486AndTheNodesMaximum508() {
        List<StunClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                StunClient alice = new StunClient(turn.udp());
                clients.add(alice);
                alice.allocate();
            }
            StunClient thirdOfAlice = new StunClient(turn.udp());
            clients.add(thirdOfAlice);
            thirdOfAlice.challenge();
            assertThat(StunClient.errorCode(thirdOfAlice.exchange(thirdOfAlice.signed(StunMethod.ALLOCATE, new RequestedTransport(17)))))
                    .isEqualTo(486);

            StunClient bob = new StunClient(turn.udp()).as("bob", "builder");
            clients.add(bob);
            bob.allocate();
            StunClient secondOfBob = new StunClient(turn.udp()).as("bob", "builder");
            clients.add(secondOfBob);
            secondOfBob.challenge();
            assertThat(StunClient.errorCode(secondOfBob.exchange(secondOfBob.signed(StunMethod.ALLOCATE, new RequestedTransport(17)))))
                    .isEqualTo(508);
            assertThat(turn.server.allocationCount()).isEqualTo(3);
        } finally {
            clients.forEach(c -> {
                c.exchange(c.signed(StunMethod.REFRESH, io.landline.protocol.stun.attribute.Lifetime.ofSeconds(0)));
                c.close();
            });
        }
        assertThat(turn.server.allocationCount()).isZero();
    }

    @Test
    void floodFromOneAddressIsDroppedWhileOthersAreServed() throws Exception {
        double before = turn.metrics().dropped("rate_limited");
        try (StunClient flooder = new StunClient(turn.udp(), InetAddress.getByName("127.0.0.3"))) {
            for (int i = 0; i < 200; i++) {
                flooder.send(StunClient.request(StunMethod.BINDING));
            }
            int answers = 0;
            while (flooder.receiveRaw(200) != null) {
                answers++;
            }
            assertThat(answers).as("answers to 200 requests at 20/s").isLessThanOrEqualTo(60);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> turn.metrics().dropped("rate_limited") >= before + 140);
        try (StunClient other = new StunClient(turn.udp(), InetAddress.getByName("127.0.0.4"))) {
            StunMessage answer = other.exchange(StunClient.request(StunMethod.BINDING));
            assertThat(answer.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        }
    }
}
