/** A STUN/TURN load generator that measures any RFC 8489/8656 server over loopback UDP: Binding answers, ChannelData relaying and memory per allocation. */
package io.landline.bench.turn;
