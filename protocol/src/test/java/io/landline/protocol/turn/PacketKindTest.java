package io.landline.protocol.turn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketKindTest {

    /** RFC 7983 §7: the boundaries of each range and the gaps between them. */
    @ParameterizedTest(name = "first byte {0} is {1}")
    @CsvSource({
        "0, STUN", "3, STUN", "4, UNKNOWN", "15, UNKNOWN", "16, ZRTP", "19, ZRTP", "20, DTLS", "63, DTLS",
        "64, CHANNEL_DATA", "79, CHANNEL_DATA", "80, UNKNOWN", "127, UNKNOWN", "128, RTP_RTCP", "191, RTP_RTCP",
        "192, UNKNOWN", "255, UNKNOWN", "-128, RTP_RTCP", "-1, UNKNOWN"})
    void firstByteDecidesTheKind(int firstByte, PacketKind kind) {
        assertThat(PacketKind.ofFirstByte(firstByte)).isEqualTo(kind);
    }
}
