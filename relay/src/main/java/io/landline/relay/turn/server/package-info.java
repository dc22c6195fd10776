/** The STUN/TURN server on sockets: listeners over UDP, TCP and TLS, the packet path, and one handler per TURN method. */
package io.landline.relay.turn.server;
