package io.landline.relay.turn.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.relay.turn.allocation.Allocation.ChannelBindOutcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Allocation state on a clock the test moves: no sockets, no sleeps. */
class AllocationTest {

    private static final long T0 = 1_000_000;
    private static final long MINUTE = 60_000;
    private static final InetSocketAddress PEER = peer("203.0.113.5", 5000);
    private static final InetSocketAddress SAME_IP_OTHER_PORT = peer("203.0.113.5", 6000);
    private static final InetSocketAddress OTHER_PEER = peer("203.0.113.6", 5000);

    private final Allocation<String> allocation = new Allocation<>(
            new FiveTuple(Transport.UDP, peer("198.51.100.1", 40000), peer("192.0.2.1", 3478)), "alice", "alice", new byte[12],
            List.of(peer("192.0.2.1", 50000)), "socket", Lifetimes.DEFAULT_SECONDS, 1000, T0);

    @Test
    void allocationExpiresWhenItsLifetimeRunsOutAndRefreshRestartsIt() {
        assertThat(allocation.isExpired(T0 + 10 * MINUTE - 1)).isFalse();
        assertThat(allocation.isExpired(T0 + 10 * MINUTE)).isTrue();

        allocation.refresh(3600, T0 + 9 * MINUTE);

        assertThat(allocation.isExpired(T0 + 68 * MINUTE)).isFalse();
        assertThat(allocation.isExpired(T0 + 69 * MINUTE)).isTrue();
    }

    @Test
    void permissionCoversTheIpAddressOnAnyPortForFiveMinutes() {
        allocation.permit(PEER.getAddress(), T0);

        assertThat(allocation.isPermitted(SAME_IP_OTHER_PORT.getAddress(), T0 + 5 * MINUTE - 1)).isTrue();
        assertThat(allocation.isPermitted(OTHER_PEER.getAddress(), T0)).isFalse();
        assertThat(allocation.isPermitted(PEER.getAddress(), T0 + 5 * MINUTE)).isFalse();
    }

    @Test
    void createPermissionAgainRefreshesIt() {
        allocation.permit(PEER.getAddress(), T0);
        allocation.permit(PEER.getAddress(), T0 + 4 * MINUTE);

        assertThat(allocation.isPermitted(PEER.getAddress(), T0 + 8 * MINUTE)).isTrue();
    }

    @Test
    void channelBindBindsBothWaysAndInstallsThePermission() {
        assertThat(allocation.bindChannel(0x4000, PEER, T0)).isEqualTo(ChannelBindOutcome.BOUND);

        assertThat(allocation.channelPeer(0x4000, T0)).isEqualTo(PEER);
        assertThat(allocation.channelOf(PEER, T0)).isEqualTo(0x4000);
        assertThat(allocation.channelOf(SAME_IP_OTHER_PORT, T0)).isEqualTo(-1);
        assertThat(allocation.isPermitted(PEER.getAddress(), T0)).isTrue();
    }

    @Test
    void boundNumberCannotMoveToAnotherPeerNorThePeerToAnotherNumber() {
        allocation.bindChannel(0x4000, PEER, T0);

        assertThat(allocation.bindChannel(0x4000, OTHER_PEER, T0)).isEqualTo(ChannelBindOutcome.NUMBER_TAKEN);
        assertThat(allocation.bindChannel(0x4001, PEER, T0)).isEqualTo(ChannelBindOutcome.PEER_TAKEN);
        assertThat(allocation.bindChannel(0x4000, PEER, T0 + MINUTE)).isEqualTo(ChannelBindOutcome.BOUND);
    }

    @Test
    void channelLastsTenMinutesThenStaysQuarantinedFiveMore() {
        allocation.bindChannel(0x4000, PEER, T0);

        assertThat(allocation.channelPeer(0x4000, T0 + 10 * MINUTE - 1)).isEqualTo(PEER);
        assertThat(allocation.channelPeer(0x4000, T0 + 10 * MINUTE)).isNull();
        assertThat(allocation.bindChannel(0x4000, OTHER_PEER, T0 + 14 * MINUTE)).isEqualTo(ChannelBindOutcome.NUMBER_TAKEN);
        assertThat(allocation.bindChannel(0x4000, OTHER_PEER, T0 + 15 * MINUTE)).isEqualTo(ChannelBindOutcome.BOUND);
    }

    @Test
    void sweepForgetsExpiredPermissionsAndQuarantinedChannels() {
        allocation.permit(OTHER_PEER.getAddress(), T0);
        allocation.bindChannel(0x4000, PEER, T0);

        allocation.sweep(T0 + 16 * MINUTE);

        assertThat(allocation.permissionCount()).isZero();
        assertThat(allocation.channelCount()).isZero();
    }

    @Test
    void bandwidthCapDropsBeyondOneSecondOfBudgetAndRefills() {
        assertThat(allocation.withinBandwidth(600, T0)).isTrue();
        assertThat(allocation.withinBandwidth(600, T0)).isFalse();
        assertThat(allocation.withinBandwidth(400, T0)).isTrue();
        assertThat(allocation.withinBandwidth(500, T0 + 500)).isTrue();
    }

    @Test
    void allocateRetransmissionIsRecognisedByItsTransactionId() {
        assertThat(allocation.isAllocateTransaction(new byte[12])).isTrue();
        assertThat(allocation.isAllocateTransaction(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})).isFalse();
    }

    @Test
    void peerOfAnotherFamilyIsNotRelayed() throws Exception {
        assertThat(allocation.relaysFamilyOf(InetAddress.getByName("203.0.113.9"))).isTrue();
        assertThat(allocation.relaysFamilyOf(InetAddress.getByName("2001:db8::1"))).isFalse();
    }

    @ParameterizedTest(name = "requested {0}, refresh {1}: {2} s")
    @CsvSource({"-1, false, 600", "0, false, 600", "60, false, 600", "1200, false, 1200", "99999, false, 3600",
            "0, true, 0", "-1, true, 600", "30, true, 600", "3600, true, 3600", "4294967295, true, 3600"})
    void desiredLifetimeIsCappedAtAnHourAndNeverBelowTheDefault(long requested, boolean refresh, int expected) {
        assertThat(Lifetimes.desired(requested, refresh)).isEqualTo(expected);
    }

    private static InetSocketAddress peer(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
