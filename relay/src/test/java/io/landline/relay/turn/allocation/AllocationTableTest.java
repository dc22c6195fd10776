package io.landline.relay.turn.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.net.PortRange;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllocationTableTest {

    private final AllocationTable<String> table = new AllocationTable<>(3, 2);

    @Test
    void userQuotaIsReachedBeforeTheNodesMaximum() {
        assertThat(table.admit("alice")).isEqualTo(Admission.ADMITTED);
        assertThat(table.admit("alice")).isEqualTo(Admission.ADMITTED);

        assertThat(table.admit("alice")).isEqualTo(Admission.USER_QUOTA_REACHED);
        assertThat(table.admit("bob")).isEqualTo(Admission.ADMITTED);
        assertThat(table.admit("carol")).isEqualTo(Admission.NODE_FULL);
    }

    @Test
    void removingAnAllocationGivesItsSlotsBack() {
        table.admit("alice");
        table.admit("alice");
        Allocation<String> allocation = allocation("alice", 1);
        assertThat(table.add(allocation)).isTrue();

        assertThat(table.remove(allocation)).isTrue();
        assertThat(table.remove(allocation)).as("second removal").isFalse();

        assertThat(table.userCount("alice")).isEqualTo(1);
        assertThat(table.admit("alice")).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void secondAllocationOnAFiveTupleIsNotEntered() {
        table.admit("alice");
        table.admit("alice");

        assertThat(table.add(allocation("alice", 1))).isTrue();
        assertThat(table.add(allocation("alice", 1))).isFalse();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void expiredListsOnlyAllocationsPastTheirLifetime() {
        table.admit("alice");
        table.admit("alice");
        Allocation<String> early = allocation("alice", 1);
        Allocation<String> late = allocation("alice", 2);
        late.refresh(3600, 0);
        table.add(early);
        table.add(late);

        assertThat(table.expired(600_000)).containsExactly(early);
    }

    @Test
    void portPoolHandsOutEachPortOnceAndEvenPortsWithAFreeSuccessor() {
        RelayPortPool pool = new RelayPortPool(new PortRange(50000, 50009), new Random(7));
        Set<Integer> seen = new HashSet<>();
        OptionalInt even = pool.take(true);
        assertThat(even).isPresent();
        assertThat(even.getAsInt() % 2).isZero();
        assertThat(pool.take(even.getAsInt() + 1)).as("the successor of an even port is free").isTrue();
        seen.add(even.getAsInt());
        seen.add(even.getAsInt() + 1);
        for (int i = 0; i < 8; i++) {
            seen.add(pool.take(false).orElseThrow());
        }

        assertThat(seen).hasSize(10).allSatisfy(p -> assertThat(p).isBetween(50000, 50009));
        assertThat(pool.take(false)).isEmpty();
        pool.release(50003);
        assertThat(pool.take(false)).hasValue(50003);
        assertThat(pool.inUse()).isEqualTo(10);
    }

    @Test
    void reservationIsClaimedOnceAndExpiresAfterThirtySeconds() {
        Reservations<String> reservations = new Reservations<>();
        reservations.hold(42, 50001, "v4", 0);
        reservations.hold(43, 50003, "v4", 0);

        assertThat(reservations.claim(42, 29_999)).isEqualTo(new Reservations.Reserved<>(50001, "v4", 30_000));
        assertThat(reservations.claim(42, 29_999)).isNull();
        assertThat(reservations.claim(43, 30_000)).isNull();
        assertThat(reservations.expired(30_000)).extracting(Reservations.Reserved::port).containsExactly(50003);
    }

    private static Allocation<String> allocation(String user, int clientPort) {
        FiveTuple fiveTuple = new FiveTuple(Transport.UDP, new InetSocketAddress("198.51.100.1", clientPort),
                new InetSocketAddress("192.0.2.1", 3478));
        return new Allocation<>(fiveTuple, user, user, new byte[12], List.of(new InetSocketAddress("192.0.2.1", 50000 + clientPort)),
                "socket", 600, 0, 0);
    }
}
