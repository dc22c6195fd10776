package io.landline.relay.turn.allocation;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One allocation's state (RFC 8656 §2.2, §9, §12): its 5-tuple, the credential that made it,
 * the relayed transport address, time to expiry, permissions and channel bindings. It holds
 * no socket: the server keeps the relayed socket beside it. Times come in as milliseconds of
 * an injected clock. Apart from {@link #expiresAtMs()}, read by the sweeper, it is used from
 * one event loop only.
 *
 * @param <S> the server's handle on the relayed socket
 */
public final class Allocation<S> {

    /** The outcome of a ChannelBind against this allocation's bindings (RFC 8656 §12.2). */
    public enum ChannelBindOutcome {
        BOUND,
        /** The number is bound (or quarantined) to another peer: 400. */
        NUMBER_TAKEN,
        /** The peer is bound (or quarantined) to another number: 400. */
        PEER_TAKEN
    }

    private final FiveTuple fiveTuple;
    private final String username;
    private final String quotaName;
    private final byte[] transactionId;
    private final List<InetSocketAddress> relayedAddresses;
    private final S socket;
    private final TokenBucket bandwidth;
    private final Map<InetAddress, Permission> permissions = new HashMap<>();
    // Keyed by the primitive channel number: looked up per ChannelData packet, where a boxed
    // Integer above 127 would be one allocation each.
    private final IntObjectMap<ChannelBinding> channels = new IntObjectHashMap<>(4);
    private final Map<InetSocketAddress, ChannelBinding> channelsByPeer = new HashMap<>();
    private volatile long expiresAtMs;
    private int lifetimeSeconds;

    /**
     * @param transactionId  the Allocate's, so that its retransmission is answered again (§7.2)
     * @param bytesPerSecond the bandwidth cap for data each way together; 0 for none
     */
    public Allocation(FiveTuple fiveTuple, String username, String quotaName, byte[] transactionId,
                      List<InetSocketAddress> relayedAddresses, S socket, int lifetimeSeconds, long bytesPerSecond, long nowMs) {
        this.fiveTuple = fiveTuple;
        this.username = username;
        this.quotaName = quotaName;
        this.transactionId = transactionId.clone();
        this.relayedAddresses = List.copyOf(relayedAddresses);
        this.socket = socket;
        this.bandwidth = new TokenBucket(bytesPerSecond, nowMs);
        refresh(lifetimeSeconds, nowMs);
    }

    public FiveTuple fiveTuple() {
        return fiveTuple;
    }

    /** The USERNAME of the Allocate; later requests must use the same one (RFC 8656 §5, 441). */
    public String username() {
        return username;
    }

    public String quotaName() {
        return quotaName;
    }

    public boolean isAllocateTransaction(byte[] id) {
        return java.util.Arrays.equals(transactionId, id);
    }

    /** One relayed transport address per address family, IPv4 first (RFC 8656 §7.2, dual allocation). */
    public List<InetSocketAddress> relayedAddresses() {
        return relayedAddresses;
    }

    /**
     * Whether the allocation has a relayed address of {@code peer}'s family: a peer of another
     * family cannot be reached from it (RFC 8656 §9.2, §12.2: 443 Peer Address Family Mismatch).
     */
    public boolean relaysFamilyOf(InetAddress peer) {
        for (InetSocketAddress relayed : relayedAddresses) {
            if (relayed.getAddress().getAddress().length == peer.getAddress().length) {
                return true;
            }
        }
        return false;
    }

    public S socket() {
        return socket;
    }

    public long expiresAtMs() {
        return expiresAtMs;
    }

    public int lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public boolean isExpired(long nowMs) {
        return nowMs >= expiresAtMs;
    }

    /** Restarts the time-to-expiry timer (RFC 8656 §7.3). */
    public void refresh(int seconds, long nowMs) {
        lifetimeSeconds = seconds;
        expiresAtMs = nowMs + seconds * 1000L;
    }

    /** Installs or refreshes the permission for {@code peer}'s IP address, any port (RFC 8656 §9.2). */
    public void permit(InetAddress peer, long nowMs) {
        Permission permission = permissions.get(peer);
        if (permission == null) {
            permissions.put(peer, new Permission(nowMs));
        } else {
            permission.refresh(nowMs);
        }
    }

    /** RFC 8656 §9: data to or from a peer flows only while a permission for its IP address lasts. */
    public boolean isPermitted(InetAddress peer, long nowMs) {
        Permission permission = permissions.get(peer);
        return permission != null && !permission.isExpired(nowMs);
    }

    /**
     * RFC 8656 §12.2: binds {@code number} to {@code peer}, or refreshes that same binding, and
     * installs or refreshes the peer's permission. A number bound to another peer, or a peer
     * bound to another number, is refused, also during the 5 minutes after such a binding expired.
     */
    public ChannelBindOutcome bindChannel(int number, InetSocketAddress peer, long nowMs) {
        ChannelBinding byNumber = live(channels.get(number), nowMs);
        ChannelBinding byPeer = live(channelsByPeer.get(peer), nowMs);
        if (byNumber != null && !byNumber.peer.equals(peer)) {
            return ChannelBindOutcome.NUMBER_TAKEN;
        }
        if (byPeer != null && byPeer.number != number) {
            return ChannelBindOutcome.PEER_TAKEN;
        }
        if (byNumber != null) {
            byNumber.refresh(nowMs);
        } else {
            ChannelBinding binding = new ChannelBinding(number, peer, nowMs);
            channels.put(number, binding);
            channelsByPeer.put(peer, binding);
        }
        permit(peer.getAddress(), nowMs);
        return ChannelBindOutcome.BOUND;
    }

    /** The peer bound to {@code number}, or null when none is (§12.4: such ChannelData is dropped). */
    public InetSocketAddress channelPeer(int number, long nowMs) {
        ChannelBinding binding = channels.get(number);
        return binding != null && binding.isActive(nowMs) ? binding.peer : null;
    }

    /** The channel bound to {@code peer}, or -1: data from it then goes as a Data indication (§11.6, §12.5). */
    public int channelOf(InetSocketAddress peer, long nowMs) {
        ChannelBinding binding = channelsByPeer.get(peer);
        return binding != null && binding.isActive(nowMs) ? binding.number : -1;
    }

    /** Spends {@code bytes} of the bandwidth cap; false means drop the packet. */
    public boolean withinBandwidth(int bytes, long nowMs) {
        return bandwidth.take(bytes, nowMs);
    }

    /** Forgets expired permissions and bindings past their quarantine. */
    public void sweep(long nowMs) {
        permissions.values().removeIf(p -> p.isExpired(nowMs));
        for (Iterator<ChannelBinding> it = channels.values().iterator(); it.hasNext(); ) {
            ChannelBinding binding = it.next();
            if (binding.isGone(nowMs)) {
                it.remove();
                channelsByPeer.remove(binding.peer);
            }
        }
    }

    public int permissionCount() {
        return permissions.size();
    }

    public int channelCount() {
        return channels.size();
    }

    private static ChannelBinding live(ChannelBinding binding, long nowMs) {
        return binding == null || binding.isGone(nowMs) ? null : binding;
    }

    @Override
    public String toString() {
        return "allocation " + relayedAddresses + " for " + fiveTuple.transport() + " " + fiveTuple.client();
    }
}
