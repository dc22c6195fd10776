package io.landline.relay;

import io.landline.net.PortRange;

/**
 * The ports of the STUN/TURN service and the media relay.
 *
 * @param turnPorts  STUN/TURN over UDP and TCP
 * @param turnTlsPort STUN/TURN over TLS
 * @param relayPorts UDP ports of TURN relayed transport addresses
 * @param mediaPorts UDP ports of the SRTP media relay
 * @param turn       the rest of the STUN/TURN service: realm, credentials, policy, limits
 */
public record RelaySettings(PortRange turnPorts, int turnTlsPort, PortRange relayPorts, PortRange mediaPorts, TurnSettings turn) {
}
