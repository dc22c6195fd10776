package io.landline.relay.turn.allocation;

/** The transport between client and server, part of the 5-tuple (RFC 8656 §2). */
public enum Transport {
    UDP, TCP, TLS
}
