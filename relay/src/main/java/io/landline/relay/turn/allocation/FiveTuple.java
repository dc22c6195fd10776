package io.landline.relay.turn.allocation;

import java.net.InetSocketAddress;

/**
 * The client's and the server's transport address and the transport between them: the key
 * of an allocation (RFC 8656 §2.2). A request from another 5-tuple never touches it (437).
 */
public record FiveTuple(Transport transport, InetSocketAddress client, InetSocketAddress server) {
}
