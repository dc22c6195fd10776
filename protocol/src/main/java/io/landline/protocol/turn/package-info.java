/**
 * TURN beyond STUN messages (RFC 8656): ChannelData frames, stream framing for TCP and TLS,
 * first-byte demultiplexing (RFC 7983) and TURN REST API credentials.
 */
package io.landline.protocol.turn;
