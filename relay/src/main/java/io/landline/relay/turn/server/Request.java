package io.landline.relay.turn.server;

import io.landline.protocol.stun.StunMessage;
import io.landline.relay.turn.allocation.FiveTuple;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * One STUN request being handled: where it came from and its bytes, readable only during the
 * handling (the packet path releases them after).
 */
record Request(ClientChannel via, InetSocketAddress source, StunMessage message, ByteBuf raw) {

    FiveTuple fiveTuple() {
        return new FiveTuple(via.transport(), source, via.localAddress());
    }

    /** RFC 8489 §7.3: a response carries FINGERPRINT when the request did. */
    boolean hadFingerprint() {
        return message.offsets().hasFingerprint();
    }

    byte[] sourceIp() {
        return source.getAddress().getAddress();
    }
}
