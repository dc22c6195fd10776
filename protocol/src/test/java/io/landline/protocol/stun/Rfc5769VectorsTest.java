package io.landline.protocol.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.stun.attribute.IceControlled;
import io.landline.protocol.stun.attribute.MessageIntegrity;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.PasswordAlgorithm;
import io.landline.protocol.stun.attribute.Priority;
import io.landline.protocol.stun.attribute.Realm;
import io.landline.protocol.stun.attribute.Software;
import io.landline.protocol.stun.attribute.UserHash;
import io.landline.protocol.stun.attribute.Username;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of RFC 5769 ("Test Vectors for STUN", §2.1–§2.4) and of RFC 8489 Appendix
 * B.1 as corrected by erratum 6268. The RFC 5769 vectors §2.1–§2.3 pad SOFTWARE and USERNAME
 * with 0x20 rather than zeros, and MESSAGE-INTEGRITY covers the padding, so only §2.4 and B.1
 * (zero padding) can be reproduced byte for byte by an encoder that pads with zeros.
 */
class Rfc5769VectorsTest {

    static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

    /** §2.1 Sample Request: Binding with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MI, FINGERPRINT. */
    static final byte[] SAMPLE_REQUEST = Hex.bytes("""
            00 01 00 58                  # Binding request, length 88
            21 12 a4 42                  # magic cookie
            b7 e7 a7 01 bc 34 d6 86 fa 87 df ae   # transaction ID
            80 22 00 10                  # SOFTWARE, 16 bytes
            53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74   # "STUN test client"
            00 24 00 04 6e 00 01 ff      # PRIORITY 0x6e0001ff
            80 29 00 08 93 2f f9 b1 51 26 3b 36   # ICE-CONTROLLED tie-breaker
            00 06 00 09                  # USERNAME, 9 bytes
            65 76 74 6a 3a 68 36 76 59 20 20 20   # "evtj:h6vY" + 3 bytes of 0x20 padding
            00 08 00 14                  # MESSAGE-INTEGRITY
            9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
            80 28 00 04 e5 7a 3b cf      # FINGERPRINT
            """);

    /** §2.2 Sample IPv4 Response: XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
    static final byte[] IPV4_RESPONSE = Hex.bytes("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20   # SOFTWARE "test vector" + 0x20
            00 20 00 08 00 01 a1 47 e1 12 a6 43   # XOR-MAPPED-ADDRESS
            00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
            80 28 00 04 c0 7d 4c 96
            """);

    /** §2.3 Sample IPv6 Response: XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
    static final byte[] IPV6_RESPONSE = Hex.bytes("""
            01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
            00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
            80 28 00 04 c8 fb 0b 4c
            """);

    /** §2.4 Sample Request with Long-Term Authentication: USERNAME, NONCE, REALM, MI; no FINGERPRINT. */
    static final byte[] LONG_TERM_REQUEST = Hex.bytes("""
            00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
            00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00   # USERNAME "マトリックス"
            00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41   # NONCE
            00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00   # REALM "example.org"
            00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66
            """);

    /** RFC 8489 B.1 with erratum 6268: USERHASH, NONCE, REALM, PASSWORD-ALGORITHM SHA-256, MI-SHA256. */
    static final byte[] RFC8489_B1 = Hex.bytes("""
            00 01 00 90 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
            00 1e 00 20                  # USERHASH
            4a 3c f3 8f ef 69 92 bd a9 52 c6 78 04 17 da 0f 24 81 94 15 56 9e 60 b2 05 c4 6e 41 40 7f 17 04
            00 15 00 29                  # NONCE "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA" + 3 bytes padding
            6f 62 4d 61 74 4a 6f 73 32 41 41 41 43 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39
            46 53 54 76 79 36 34 73 41 00 00 00
            00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00   # REALM
            00 1d 00 04 00 02 00 00      # PASSWORD-ALGORITHM SHA-256, no parameters
            00 1c 00 20                  # MESSAGE-INTEGRITY-SHA256
            b5 c7 bf 00 5b 6c 52 a2 1c 51 c5 e8 92 f8 19 24 13 62 96 cb 92 7c 43 14 93 09 27 8c c6 51 8e 65
            """);

    static final String USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    /** RFC 5769 gives "The\u00ADM\u00AAtr\u2168", whose SASLprep form is "TheMatrIX"; RFC 8489 keys take the prepared form. */
    static final String PASSWORD = "TheMatrIX";
    static final TransactionId VECTOR_TRANSACTION = TransactionId.of(Hex.bytes("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae"));

    private final StunDecoder decoder = new StunDecoder();

    @Test
    void sampleRequestDecodesAndItsIntegrityChecksOutWithTheShortTermPassword() {
        ByteBuf buf = Hex.pooled(SAMPLE_REQUEST);
        try {
            StunMessage m = decoder.decode(buf).orElseThrow();
            assertThat(m.messageClass()).isEqualTo(StunClass.REQUEST);
            assertThat(m.method()).isEqualTo(StunMethod.BINDING);
            assertThat(m.transactionId()).isEqualTo(VECTOR_TRANSACTION);
            assertThat(m.first(Software.class)).contains(new Software("STUN test client"));
            assertThat(m.first(Priority.class)).contains(new Priority(0x6e0001ffL));
            assertThat(m.first(IceControlled.class)).contains(new IceControlled(0x932ff9b151263b36L));
            assertThat(m.first(Username.class)).contains(new Username("evtj:h6vY"));
            assertThat(m.offsets().hasFingerprint()).isTrue();
            assertThat(StunIntegrity.verifyMessageIntegrity(buf, m, StunKeys.shortTerm(SHORT_TERM_PASSWORD))).isTrue();
            assertThat(StunIntegrity.verifyMessageIntegrity(buf, m, StunKeys.shortTerm("VOkJxbRl1RmTxUk/WvJxBT"))).isFalse();
        } finally {
            buf.release();
        }
        assertThat(buf.refCnt()).isZero();
    }

    @Test
    void ipv4ResponseCarries192_0_2_1Port32853() throws Exception {
        ByteBuf buf = Hex.pooled(IPV4_RESPONSE);
        try {
            StunMessage m = decoder.decode(buf).orElseThrow();
            assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(m.first(Software.class)).contains(new Software("test vector"));
            assertThat(m.first(XorMappedAddress.class).orElseThrow().address())
                    .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
            assertThat(StunIntegrity.verifyMessageIntegrity(buf, m, StunKeys.shortTerm(SHORT_TERM_PASSWORD))).isTrue();
        } finally {
            buf.release();
        }
    }

    @Test
    void ipv6ResponseCarriesTheXorOfCookieAndTransactionId() throws Exception {
        ByteBuf buf = Hex.pooled(IPV6_RESPONSE);
        try {
            StunMessage m = decoder.decode(buf).orElseThrow();
            assertThat(m.first(XorMappedAddress.class).orElseThrow().address()).isEqualTo(
                    new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
            assertThat(StunIntegrity.verifyMessageIntegrity(buf, m, StunKeys.shortTerm(SHORT_TERM_PASSWORD))).isTrue();
        } finally {
            buf.release();
        }
    }

    @Test
    void xorMappedAddressesEncodeToTheVectorsBytes() throws Exception {
        for (byte[] vector : List.of(IPV4_RESPONSE, IPV6_RESPONSE)) {
            ByteBuf in = Hex.pooled(vector);
            ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
            try {
                StunMessage m = decoder.decode(in).orElseThrow();
                XorMappedAddress mapped = m.first(XorMappedAddress.class).orElseThrow();
                StunWriter.start(out, StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, VECTOR_TRANSACTION).add(mapped)
                        .finish(StunTrailer.NONE);
                int length = mapped.address().getAddress().getAddress().length + 8;
                assertThat(Hex.toArray(out.slice(20, length)))
                        .isEqualTo(Hex.toArray(in.slice(20 + 16, length)));
            } finally {
                in.release();
                out.release();
            }
        }
    }

    @Test
    void longTermRequestVerifiesWithTheMd5KeyAndReencodesByteForByte() {
        ByteBuf buf = Hex.pooled(LONG_TERM_REQUEST);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            StunMessage m = decoder.decode(buf).orElseThrow();
            assertThat(m.first(Username.class)).contains(new Username(USERNAME));
            assertThat(m.first(Nonce.class)).contains(new Nonce("f//499k954d6OL34oL9FSTvy64sA"));
            assertThat(m.first(Realm.class)).contains(new Realm("example.org"));
            assertThat(m.offsets().hasFingerprint()).isFalse();
            byte[] key = StunKeys.longTermMd5(USERNAME, "example.org", PASSWORD);
            assertThat(StunIntegrity.verifyMessageIntegrity(buf, m, key)).isTrue();
            assertThat(StunIntegrity.verifyMessageIntegrity(buf, m, StunKeys.longTermMd5(USERNAME, "example.org", "thematrix")))
                    .isFalse();

            int written = StunWriter.encode(m, StunTrailer.messageIntegrity(key), out);
            assertThat(written).isEqualTo(LONG_TERM_REQUEST.length);
            assertThat(Hex.toArray(out)).isEqualTo(LONG_TERM_REQUEST);
            assertThat(m.first(MessageIntegrity.class).orElseThrow().value())
                    .isEqualTo(Hex.toArray(out.slice(out.writerIndex() - 20, 20)));
        } finally {
            buf.release();
            out.release();
        }
        assertThat(buf.refCnt()).isZero();
        assertThat(out.refCnt()).isZero();
    }

    @Test
    void rfc8489AppendixB1VerifiesWithTheSha256KeyAndReencodesByteForByte() {
        ByteBuf buf = Hex.pooled(RFC8489_B1);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            StunMessage m = decoder.decode(buf).orElseThrow();
            assertThat(m.first(UserHash.class).orElseThrow().value()).isEqualTo(StunKeys.userHash(USERNAME, "example.org"));
            assertThat(m.first(Nonce.class)).contains(new Nonce("obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA"));
            assertThat(m.first(PasswordAlgorithm.class)).contains(new PasswordAlgorithm(PasswordAlgorithm.SHA_256));
            assertThat(m.offsets().hasMessageIntegritySha256()).isTrue();
            byte[] key = StunKeys.longTerm(PasswordAlgorithm.SHA_256, USERNAME, "example.org", PASSWORD);
            assertThat(key).hasSize(32);
            assertThat(StunIntegrity.verifyMessageIntegritySha256(buf, m, key)).isTrue();
            assertThat(StunIntegrity.verifyMessageIntegritySha256(buf, m, StunKeys.longTermMd5(USERNAME, "example.org", PASSWORD)))
                    .isFalse();
            assertThat(StunIntegrity.verifyMessageIntegrity(buf, m, key)).as("no MESSAGE-INTEGRITY present").isFalse();

            StunWriter.encode(m, StunTrailer.messageIntegritySha256(key), out);
            assertThat(Hex.toArray(out)).isEqualTo(RFC8489_B1);
        } finally {
            buf.release();
            out.release();
        }
    }

    @Test
    void userHashIsSha256OfUsernameColonRealm() throws Exception {
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256")
                .digest((USERNAME + ":example.org").getBytes(StandardCharsets.UTF_8));
        assertThat(StunKeys.userHash(USERNAME, "example.org")).isEqualTo(expected);
    }
}
