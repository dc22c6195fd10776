package io.landline.protocol.turn;

/**
 * What a packet on a multiplexed port is, by its first byte (RFC 7983 §7): the demultiplexing
 * that lets STUN, TURN ChannelData, DTLS and SRTP share one UDP port.
 *
 * <pre>
 *   0 -   3  STUN          16 -  19  ZRTP        20 -  63  DTLS
 *  64 -  79  TURN channel 128 - 191  RTP/RTCP    anything else: drop
 * </pre>
 */
public enum PacketKind {
    STUN,
    ZRTP,
    DTLS,
    CHANNEL_DATA,
    RTP_RTCP,
    UNKNOWN;

    /** The kind of a packet whose first byte is {@code firstByte} (any int; only its low 8 bits count). */
    public static PacketKind ofFirstByte(int firstByte) {
        int b = firstByte & 0xFF;
        if (b <= 3) {
            return STUN;
        }
        if (b >= 16 && b <= 19) {
            return ZRTP;
        }
        if (b >= 20 && b <= 63) {
            return DTLS;
        }
        if (b >= 64 && b <= 79) {
            return CHANNEL_DATA;
        }
        if (b >= 128 && b <= 191) {
            return RTP_RTCP;
        }
        return UNKNOWN;
    }
}
