package io.landline.relay.turn.server;

import io.landline.relay.turn.allocation.Allocation;
import io.landline.relay.turn.allocation.AllocationTable;
import io.landline.relay.turn.allocation.Reservations;
import io.landline.relay.turn.auth.LongTermAuth;
import io.landline.relay.turn.policy.PeerPolicy;
import io.landline.relay.turn.policy.SourceRateLimiter;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The state every listener of the node shares: allocations, relayed ports and reservations,
 * credentials, the peer policy, limits, metrics and the clock. Built once by {@link TurnServer}.
 *
 * @param relayAddress     IPv4 address relayed sockets bind
 * @param relayAddressV6   IPv6 address relayed sockets bind, if IPv6 is relayed
 * @param externalAddress  the address clients are told instead of {@code relayAddress} (1:1 NAT)
 * @param bytesPerSecond   bandwidth cap of an allocation; 0 for none
 */
record TurnService(AllocationTable<RelayEndpoint> allocations, RelaySocketBinder binder, Reservations<InetAddress> reservations,
                   LongTermAuth auth, PeerPolicy peers, SourceRateLimiter rateLimiter, TurnMetrics metrics, Clock clock,
                   InetAddress relayAddress, Optional<InetAddress> relayAddressV6, Optional<InetAddress> externalAddress,
                   long bytesPerSecond, EventLog log) {

    /**
     * Deletes an allocation: out of the table (its quota slots back), off its client channel,
     * relayed sockets closed. On the allocation's event loop.
     */
    void delete(Allocation<RelayEndpoint> allocation, String why) {
        if (allocations.remove(allocation)) {
            RelayEndpoint endpoint = allocation.socket();
            endpoint.client.detach(endpoint.clientAddress, allocation);
            endpoint.close();
            log.fine(() -> allocation + " deleted: " + why);
        }
    }

    /** One log line per significant event; nothing per packet. */
    static final class EventLog {
        private static final Logger LOG = Logger.getLogger("landline.turn");
        private static final long QUIET_MS = 60_000;
        private volatile long lastQuotaLogMs = Long.MIN_VALUE / 2;
        private volatile long lastCapacityLogMs = Long.MIN_VALUE / 2;

        void info(String line) {
            LOG.info(line);
        }

        void fine(java.util.function.Supplier<String> line) {
            LOG.fine(line);
        }

        /** At most one line a minute, so that a client hammering its quota does not flood the journal. */
        void quotaReached(String user, int quota, long nowMs) {
            if (nowMs - lastQuotaLogMs >= QUIET_MS) {
                lastQuotaLogMs = nowMs;
                LOG.info(() -> "allocation quota reached: user '" + user + "' holds " + quota
                        + " allocations (relay.turn.user-quota); further ones get 486 (logged once a minute)");
            }
        }

        void capacityReached(int max, long nowMs) {
            if (nowMs - lastCapacityLogMs >= QUIET_MS) {
                lastCapacityLogMs = nowMs;
                LOG.warning(() -> "node holds " + max + " allocations (relay.turn.max-allocations) or has no relay port left;"
                        + " Allocate gets 508 (logged once a minute)");
            }
        }
    }
}
