package io.landline.relay.turn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.RequestedTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nonce and allocation lifetimes on a running server whose clock the test moves forward. */
class ClockDrivenTest {

    private final AtomicLong offsetMs = new AtomicLong();
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMs.get());
        }
    };
    private TurnFixture turn;

    @BeforeEach
    void start() throws Exception {
        turn = TurnFixture.with().clock(clock).start();
    }

    @AfterEach
    void stop() throws Exception {
        turn.close();
    }

    @Test
    void expiredNonceGets438WithAFreshOneThatWorks() {
        try (StunClient client = new StunClient(turn.udp())) {
            client.challenge();
            offsetMs.addAndGet(Duration.ofMinutes(10).toMillis());

            StunMessage stale = client.exchange(client.signed(StunMethod.ALLOCATE, new RequestedTransport(17)));
            assertThat(StunClient.errorCode(stale)).isEqualTo(438);
            client.nonce(stale.first(Nonce.class).orElseThrow().value());

            assertThat(client.exchange(client.signed(StunMethod.ALLOCATE, new RequestedTransport(17))).messageClass())
                    .isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(turn.metrics().authFailures("stale_nonce")).isEqualTo(1);
        }
    }

    @Test
    void allocationWithoutRefreshIsDeletedWhenItsLifetimeEnds() {
        try (StunClient client = new StunClient(turn.udp())) {
            client.allocate();
            assertThat(turn.server.allocationCount()).isEqualTo(1);

            offsetMs.addAndGet(Duration.ofSeconds(601).toMillis());

            await().atMost(Duration.ofSeconds(3)).until(() -> turn.server.allocationCount() == 0);
            client.challenge();
            assertThat(StunClient.errorCode(client.exchange(client.signed(StunMethod.REFRESH)))).isEqualTo(437);
        }
    }
}
