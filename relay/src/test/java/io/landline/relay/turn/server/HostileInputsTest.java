package io.landline.relay.turn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.TransactionId;
import io.landline.protocol.stun.attribute.AdditionalAddressFamily;
import io.landline.protocol.stun.attribute.AddressFamily;
import io.landline.protocol.stun.attribute.ChannelNumber;
import io.landline.protocol.stun.attribute.Data;
import io.landline.protocol.stun.attribute.EvenPort;
import io.landline.protocol.stun.attribute.Lifetime;
import io.landline.protocol.stun.attribute.MessageIntegritySha256;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.PasswordAlgorithm;
import io.landline.protocol.stun.attribute.PasswordAlgorithms;
import io.landline.protocol.stun.attribute.Realm;
import io.landline.protocol.stun.attribute.RequestedAddressFamily;
import io.landline.protocol.stun.attribute.RequestedTransport;
import io.landline.protocol.stun.attribute.ReservationToken;
import io.landline.protocol.stun.attribute.Software;
import io.landline.protocol.stun.attribute.UnknownAttributes;
import io.landline.protocol.stun.attribute.Username;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.landline.protocol.stun.attribute.XorPeerAddress;
import io.landline.protocol.stun.attribute.XorRelayedAddress;
import io.landline.protocol.stun.StunKeys;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile inputs against a running server over real UDP and TCP: each earns the
 * RFC's answer or a counted drop, and after each the server still answers a new client.
 * The server allows no special-purpose peers, as in production.
 */
@Execution(ExecutionMode.SAME_THREAD)
class HostileInputsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final InetSocketAddress PUBLIC_PEER = new InetSocketAddress(addr("192.0.2.10"), 4000);
    private static final InetSocketAddress OTHER_PUBLIC_PEER = new InetSocketAddress(addr("192.0.2.11"), 4000);

    static TurnFixture turn;

    @BeforeAll
    static void start() throws Exception {
        turn = TurnFixture.with().users(TurnFixture.USER + ":" + TurnFixture.PASSWORD, "mallory:evil-but-valid").start();
    }

    @AfterAll
    static void stop() throws Exception {
        turn.close();
    }

    /** The server keeps serving: a new client's Binding is answered with its reflexive address. */
    @AfterEach
    void serverStillAnswersTheNextClient() {
        try (StunClient next = new StunClient(turn.udp())) {
            StunMessage answer = next.exchange(StunClient.request(StunMethod.BINDING));
            assertThat(answer.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(answer.first(XorMappedAddress.class).orElseThrow().address()).isEqualTo(next.localAddress());
        }
    }

    private static Arguments hostile(String name, Consumer<StunClient> attack) {
        return Arguments.of(Named.of(name, attack));
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                // Framing and header (RFC 8489 §5, §6.3): no sound header, no answer.
                hostile("empty datagram", c -> expectDrop(c, new byte[0], "empty")),
                hostile("one byte", c -> expectDrop(c, new byte[] {0}, "truncated_header")),
                hostile("19 bytes of header", c -> expectDrop(c, Arrays.copyOf(binding(), 19), "truncated_header")),
                hostile("wrong magic cookie", c -> expectDrop(c, set(binding(), 4, 0x21, 0x12, 0xA4, 0x43), "bad_magic_cookie")),
                hostile("length not a multiple of 4", c -> expectDrop(c, withLength(concat(binding(), new byte[2]), 2), "length_not_multiple_of_4")),
                hostile("length beyond the datagram", c -> expectDrop(c, withLength(binding(), 8), "length_mismatch")),
                hostile("top bits set: not STUN", c -> expectDrop(c, set(binding(), 0, 0x80), "not_stun_or_channel_data")),
                hostile("DTLS record on the TURN port", c -> expectDrop(c, set(binding(), 0, 22), "not_stun_or_channel_data")),
                hostile("bad FINGERPRINT", c -> expectDrop(c, flipLast(withFingerprint()), "bad_fingerprint")),
                hostile("attribute after FINGERPRINT", c -> expectDrop(c, attributeAfterFingerprint(), "attribute_after_fingerprint")),
                hostile("attribute running past the end", c -> expectError(c, attributePastEnd(), 400)),
                hostile("USERNAME that is not UTF-8", c -> expectError(c, rawAttribute(StunMethod.BINDING, 0x0006, new byte[] {(byte) 0xC3, 0x28, 0, 0}), 400)),

                // Requests the server does not understand.
                hostile("unknown comprehension-required attribute gets 420 listing it", c -> {
                    StunMessage answer = c.exchange(rawAttribute(StunMethod.BINDING, 0x0033, new byte[4]));
                    assertThat(StunClient.errorCode(answer)).isEqualTo(420);
                    assertThat(answer.first(UnknownAttributes.class).orElseThrow().types()).containsExactly(0x0033);
                }),
                hostile("unknown comprehension-optional attribute is ignored", c ->
                        assertThat(c.exchange(rawAttribute(StunMethod.BINDING, 0x8033, new byte[4])).messageClass())
                                .isEqualTo(StunClass.SUCCESS_RESPONSE)),
                hostile("unknown method", c -> expectError(c, StunClient.request(new StunMethod(0x0FF)), 400)),
                hostile("a success response sent to the server", c -> expectDrop(c, StunClient.encode(StunClass.SUCCESS_RESPONSE,
                        StunMethod.BINDING, TransactionId.random(RANDOM), List.of(), StunTrailer.NONE), "unexpected_message")),
                hostile("a Binding indication", c -> expectDrop(c, StunClient.encode(StunClass.INDICATION, StunMethod.BINDING,
                        TransactionId.random(RANDOM), List.of(), StunTrailer.NONE), "unexpected_message")),

                // Long-term credentials (RFC 8489 §9.2.4).
                hostile("Allocate without credentials gets a small 401 challenge", c -> {
                    byte[] request = StunClient.request(StunMethod.ALLOCATE, new RequestedTransport(17));
                    c.send(request);
                    byte[] raw = c.receiveRaw(2000);
                    StunMessage answer = new io.landline.protocol.stun.StunDecoder().decode(Unpooled.wrappedBuffer(raw)).orElseThrow();
                    assertThat(StunClient.errorCode(answer)).isEqualTo(401);
                    assertThat(answer.has(Realm.class) && answer.has(Nonce.class) && answer.has(PasswordAlgorithms.class)).isTrue();
                    assertThat(answer.has(Software.class)).as("no SOFTWARE before authentication").isFalse();
                    assertThat(raw.length).as("401 size, against a %d-byte request", request.length).isLessThanOrEqualTo(120);
                }),
                hostile("integrity without USERNAME", c -> {
                    c.challenge();
                    byte[] unsigned = StunClient.encode(StunClass.REQUEST, StunMethod.ALLOCATE, TransactionId.random(RANDOM),
                            List.of(new RequestedTransport(17), new Realm(TurnFixture.REALM), new Nonce(c.nonce())),
                            StunTrailer.messageIntegrity(new byte[16]));
                    expectError(c, unsigned, 400);
                }),
                hostile("unknown user", c -> {
                    double before = turn.metrics().authFailures("unknown_user");
                    c.as("nobody", "whatever").challenge();
                    expectError(c, c.signed(StunMethod.ALLOCATE, new RequestedTransport(17)), 401);
                    assertThat(turn.metrics().authFailures("unknown_user")).isEqualTo(before + 1);
                }),
                hostile("wrong credentials", c -> {
                    double before = turn.metrics().authFailures("bad_integrity");
                    c.as(TurnFixture.USER, "guess").challenge();
                    expectError(c, c.signed(StunMethod.ALLOCATE, new RequestedTransport(17)), 401);
                    assertThat(turn.metrics().authFailures("bad_integrity")).isEqualTo(before + 1);
                }),
                hostile("bad MESSAGE-INTEGRITY", c -> {
                    c.challenge();
                    byte[] signed = c.signed(StunMethod.ALLOCATE, new RequestedTransport(17));
                    signed[signed.length - 12 - 5] ^= 1; // inside the HMAC, before FINGERPRINT
                    expectDrop(c, signed, "bad_fingerprint");
                }),
                hostile("MESSAGE-INTEGRITY that does not match (FINGERPRINT recomputed)", c -> {
                    c.challenge();
                    byte[] forged = StunClient.encode(StunClass.REQUEST, StunMethod.ALLOCATE, TransactionId.random(RANDOM),
                            List.of(new RequestedTransport(17), new Username(TurnFixture.USER), new Realm(TurnFixture.REALM), new Nonce(c.nonce())),
                            StunTrailer.messageIntegrity("not the key".getBytes(StandardCharsets.UTF_8)).withFingerprint());
                    expectError(c, forged, 401);
                }),
                hostile("forged nonce gets 438 Stale Nonce", c -> {
                    c.challenge();
                    c.nonce("obMatJos2gAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
                    expectError(c, c.signed(StunMethod.ALLOCATE, new RequestedTransport(17)), 438);
                }),
                hostile("nonce issued to another address gets 438", c -> {
                    try (StunClient elsewhere = new StunClient(turn.udp(), addr("127.0.0.2"))) {
                        c.challenge();
                        c.nonce(elsewhere.challenge().nonce());
                        expectError(c, c.signed(StunMethod.ALLOCATE, new RequestedTransport(17)), 438);
                    }
                }),
                hostile("another realm gets 438 with ours", c -> {
                    c.challenge();
                    byte[] request = StunClient.encode(StunClass.REQUEST, StunMethod.ALLOCATE, TransactionId.random(RANDOM),
                            List.of(new RequestedTransport(17), new Username(TurnFixture.USER), new Realm("elsewhere"), new Nonce(c.nonce())),
                            StunTrailer.messageIntegrity(StunKeys.longTermMd5(TurnFixture.USER, "elsewhere", TurnFixture.PASSWORD)));
                    StunMessage answer = c.exchange(request);
                    assertThat(StunClient.errorCode(answer)).isEqualTo(438);
                    assertThat(answer.first(Realm.class).orElseThrow().value()).isEqualTo(TurnFixture.REALM);
                }),
                hostile("PASSWORD-ALGORITHMS not as offered", c -> {
                    c.challenge();
                    expectError(c, c.signed(StunMethod.ALLOCATE, new RequestedTransport(17),
                            new PasswordAlgorithms(List.of(PasswordAlgorithm.MD5)), new PasswordAlgorithm(PasswordAlgorithm.MD5)), 400);
                }),
                hostile("PASSWORD-ALGORITHM not offered", c -> {
                    c.challenge();
                    expectError(c, c.signed(StunMethod.ALLOCATE, new RequestedTransport(17),
                            new PasswordAlgorithms(List.of(PasswordAlgorithm.SHA_256, PasswordAlgorithm.MD5)), new PasswordAlgorithm(7)), 400);
                }),
                hostile("SHA-256 key and MESSAGE-INTEGRITY-SHA256 are answered in kind", c -> {
                    c.challenge();
                    byte[] key = StunKeys.longTermSha256(TurnFixture.USER, TurnFixture.REALM, TurnFixture.PASSWORD);
                    byte[] request = StunClient.encode(StunClass.REQUEST, StunMethod.ALLOCATE, TransactionId.random(RANDOM),
                            List.of(new RequestedTransport(17), new Username(TurnFixture.USER), new Realm(TurnFixture.REALM), new Nonce(c.nonce()),
                                    new PasswordAlgorithms(List.of(PasswordAlgorithm.SHA_256, PasswordAlgorithm.MD5)),
                                    new PasswordAlgorithm(PasswordAlgorithm.SHA_256)),
                            StunTrailer.messageIntegritySha256(key));
                    StunMessage answer = c.exchange(request);
                    assertThat(answer.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
                    assertThat(answer.has(MessageIntegritySha256.class)).isTrue();
                    deleteAllocation(c);
                }),

                // Allocate (RFC 8656 §7.2).
                hostile("Allocate without REQUESTED-TRANSPORT", c -> expectError(c.challenge(), c.signed(StunMethod.ALLOCATE), 400)),
                hostile("Allocate for TCP relaying gets 442", c -> expectError(c.challenge(), c.signed(StunMethod.ALLOCATE, new RequestedTransport(6)), 442)),
                hostile("Allocate for IPv6 without an IPv6 relay address gets 440", c -> expectError(c.challenge(),
                        c.signed(StunMethod.ALLOCATE, new RequestedTransport(17), new RequestedAddressFamily(AddressFamily.IPV6)), 440)),
                hostile("Allocate for an unknown family gets 440", c -> expectError(c.challenge(),
                        c.signed(StunMethod.ALLOCATE, new RequestedTransport(17), new RequestedAddressFamily(7)), 440)),
                hostile("RESERVATION-TOKEN with EVEN-PORT", c -> expectError(c.challenge(), c.signed(StunMethod.ALLOCATE,
                        new RequestedTransport(17), new EvenPort(false), new ReservationToken(42)), 400)),
                hostile("unknown RESERVATION-TOKEN gets 508", c -> expectError(c.challenge(), c.signed(StunMethod.ALLOCATE,
                        new RequestedTransport(17), new ReservationToken(RANDOM.nextLong())), 508)),
                hostile("ADDITIONAL-ADDRESS-FAMILY for IPv4", c -> expectError(c.challenge(), c.signed(StunMethod.ALLOCATE,
                        new RequestedTransport(17), new AdditionalAddressFamily(AddressFamily.IPV4)), 400)),
                hostile("REQUESTED- and ADDITIONAL-ADDRESS-FAMILY together", c -> expectError(c.challenge(), c.signed(StunMethod.ALLOCATE,
                        new RequestedTransport(17), new RequestedAddressFamily(AddressFamily.IPV4), new AdditionalAddressFamily(AddressFamily.IPV6)), 400)),
                hostile("second Allocate on the same 5-tuple gets 437", c -> {
                    c.allocate();
                    expectError(c, c.signed(StunMethod.ALLOCATE, new RequestedTransport(17)), 437);
                    deleteAllocation(c);
                }),
                hostile("replayed Allocate is answered again without a second allocation", c -> {
                    c.challenge();
                    byte[] allocate = c.signed(StunMethod.ALLOCATE, TransactionId.random(RANDOM), new RequestedTransport(17));
                    StunMessage first = c.exchange(allocate);
                    int allocations = turn.server.allocationCount();
                    StunMessage replay = c.exchange(allocate);
                    assertThat(replay.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
                    assertThat(replay.first(XorRelayedAddress.class)).isEqualTo(first.first(XorRelayedAddress.class));
                    assertThat(turn.server.allocationCount()).isEqualTo(allocations);
                    deleteAllocation(c);
                }),

                // Requests on an allocation (RFC 8656 §7.3, §9.2, §12.2).
                hostile("Refresh without an allocation gets 437", c -> expectError(c.challenge(), c.signed(StunMethod.REFRESH), 437)),
                hostile("Refresh on a foreign 5-tuple gets 437", c -> {
                    c.allocate();
                    try (StunClient stranger = new StunClient(turn.udp())) {
                        stranger.challenge();
                        expectError(stranger, stranger.signed(StunMethod.REFRESH, Lifetime.ofSeconds(0)), 437);
                    }
                    deleteAllocation(c);
                }),
                hostile("Refresh by another user gets 441", c -> {
                    c.allocate();
                    c.as("mallory", "evil-but-valid").challenge();
                    expectError(c, c.signed(StunMethod.REFRESH, Lifetime.ofSeconds(0)), 441);
                    c.as(TurnFixture.USER, TurnFixture.PASSWORD).challenge();
                    deleteAllocation(c);
                }),
                hostile("CreatePermission without XOR-PEER-ADDRESS", c -> onAllocation(c, () -> expectError(c, c.signed(StunMethod.CREATE_PERMISSION), 400))),
                denied("0.0.0.1"), denied("127.0.0.1"), denied("10.1.2.3"), denied("172.16.0.1"), denied("192.168.0.1"),
                denied("169.254.169.254"), denied("100.64.0.1"), denied("192.0.0.8"), denied("198.18.0.1"), denied("224.0.0.1"),
                denied("240.0.0.1"), denied("255.255.255.255"), deniedMapped("127.0.0.1"), deniedMapped("10.0.0.1"), deniedMapped("169.254.169.254"),
                hostile("CreatePermission for an IPv6 peer on an IPv4 allocation gets 443", c -> onAllocation(c, () ->
                        expectError(c, c.signed(StunMethod.CREATE_PERMISSION, new XorPeerAddress(new InetSocketAddress(addr("2001:db8::1"), 9))), 443))),
                hostile("one denied peer among allowed ones installs none", c -> onAllocation(c, () -> {
                    expectError(c, c.signed(StunMethod.CREATE_PERMISSION, new XorPeerAddress(PUBLIC_PEER),
                            new XorPeerAddress(new InetSocketAddress(addr("10.0.0.1"), 9))), 403);
                    expectDrop(c, sendIndication(PUBLIC_PEER, "x"), "no_permission");
                })),
                hostile("ChannelBind number below the range", c -> onAllocation(c, () ->
                        expectError(c, c.signed(StunMethod.CHANNEL_BIND, new ChannelNumber(0x3FFF), new XorPeerAddress(PUBLIC_PEER)), 400))),
                hostile("ChannelBind number above the range", c -> onAllocation(c, () ->
                        expectError(c, c.signed(StunMethod.CHANNEL_BIND, new ChannelNumber(0x8000), new XorPeerAddress(PUBLIC_PEER)), 400))),
                hostile("ChannelBind without XOR-PEER-ADDRESS", c -> onAllocation(c, () ->
                        expectError(c, c.signed(StunMethod.CHANNEL_BIND, new ChannelNumber(0x4001)), 400))),
                hostile("ChannelBind of a bound number to another peer", c -> onAllocation(c, () -> {
                    assertThat(c.exchange(c.signed(StunMethod.CHANNEL_BIND, new ChannelNumber(0x4002), new XorPeerAddress(PUBLIC_PEER))).messageClass())
                            .isEqualTo(StunClass.SUCCESS_RESPONSE);
                    expectError(c, c.signed(StunMethod.CHANNEL_BIND, new ChannelNumber(0x4002), new XorPeerAddress(OTHER_PUBLIC_PEER)), 400);
                    expectError(c, c.signed(StunMethod.CHANNEL_BIND, new ChannelNumber(0x4003), new XorPeerAddress(PUBLIC_PEER)), 400);
                })),
                hostile("ChannelBind to a denied peer gets 403", c -> onAllocation(c, () ->
                        expectError(c, c.signed(StunMethod.CHANNEL_BIND, new ChannelNumber(0x4004),
                                new XorPeerAddress(new InetSocketAddress(addr("127.0.0.1"), 9))), 403))),

                // Data (RFC 8656 §11, §12.4): never answered, so every refusal is a counted drop.
                hostile("ChannelData for an unbound channel", c -> onAllocation(c, () -> expectDrop(c, channelData(0x4005, 8), "unbound_channel"))),
                hostile("ChannelData without an allocation", c -> expectDrop(c, channelData(0x4000, 8), "no_allocation")),
                hostile("ChannelData shorter than its length", c -> expectDrop(c, Arrays.copyOf(channelData(0x4000, 8), 8), "channel_data_truncated")),
                hostile("Send to a peer without permission", c -> onAllocation(c, () -> expectDrop(c, sendIndication(PUBLIC_PEER, "hi"), "no_permission"))),
                hostile("Send without an allocation", c -> expectDrop(c, sendIndication(PUBLIC_PEER, "hi"), "no_allocation")),
                hostile("Send to a denied peer", c -> onAllocation(c, () ->
                        expectDrop(c, sendIndication(new InetSocketAddress(addr("::ffff:127.0.0.1"), 9), "hi"), "peer_denied"))),
                hostile("Send without DATA", c -> onAllocation(c, () -> expectDrop(c, StunClient.encode(StunClass.INDICATION, StunMethod.SEND,
                        TransactionId.random(RANDOM), List.of(new XorPeerAddress(PUBLIC_PEER)), StunTrailer.NONE), "bad_send_indication"))),

                // Streams (RFC 8656 §12.5): unframeable bytes close the connection.
                hostile("HTTP request on the TCP port", c -> expectStreamClosed("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        "not_stun_or_channel_data")),
                hostile("TLS ClientHello on the TCP port", c -> expectStreamClosed(new byte[] {0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0x00, 0x00, 0x3c, 0x03, 0x03},
                        "bad_magic_cookie")),
                hostile("STUN length not a multiple of 4 over TCP", c -> expectStreamClosed(withLength(concat(binding(), new byte[2]), 2),
                        "length_not_multiple_of_4")),
                hostile("STUN claiming 65532 bytes over TCP", c -> expectStreamClosed(withLength(binding(), 65532), "too_large")),
                hostile("Binding in single bytes over TCP is answered", c -> tcpBindingInSingleBytes()),
                hostile("plain text on the TLS port is refused", c -> tlsPortRefusesPlainText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void hostileInputGetsTheRfcAnswerOrACountedDrop(Consumer<StunClient> attack) {
        try (StunClient client = new StunClient(turn.udp())) {
            attack.accept(client);
        }
    }

    // ---- expectations --------------------------------------------------------------------

    private static void expectError(StunClient client, byte[] request, int code) {
        StunMessage answer = client.exchange(request);
        assertThat(answer.messageClass()).as("answer %s", answer).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(StunClient.errorCode(answer)).as("error code of %s", answer).isEqualTo(code);
    }

    private static void expectDrop(StunClient client, byte[] packet, String reason) {
        double before = turn.metrics().dropped(reason);
        client.send(packet);
        await().atMost(Duration.ofSeconds(3)).until(() -> turn.metrics().dropped(reason) > before);
        assertThat(client.receiveRaw(150)).as("no answer to a dropped packet").isNull();
    }

    private static Arguments denied(String peer) {
        return hostile("CreatePermission for " + peer + " gets 403", c -> onAllocation(c, () ->
                expectError(c, c.signed(StunMethod.CREATE_PERMISSION, new XorPeerAddress(new InetSocketAddress(addr(peer), 9))), 403)));
    }

    /** The IPv4-mapped IPv6 form, sent with family IPv6 on the wire. */
    private static Arguments deniedMapped(String ipv4) {
        return hostile("CreatePermission for ::ffff:" + ipv4 + " gets 403", c -> onAllocation(c, () -> {
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(addr(ipv4).getAddress(), 0, v6, 12, 4);
            InetAddress mapped;
            try {
                mapped = Inet6Address.getByAddress(null, v6, -1);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
            expectError(c, c.signed(StunMethod.CREATE_PERMISSION, new XorPeerAddress(new InetSocketAddress(mapped, 9))), 403);
        }));
    }

    private static void onAllocation(StunClient client, Runnable then) {
        client.allocate();
        then.run();
        deleteAllocation(client);
    }

    private static void deleteAllocation(StunClient client) {
        StunMessage answer = client.exchange(client.signed(StunMethod.REFRESH, Lifetime.ofSeconds(0)));
        assertThat(answer.messageClass()).as("Refresh 0 %s", answer).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    private static void expectStreamClosed(byte[] bytes, String reason) {
        double before = turn.metrics().dropped(reason);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), turn.port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            assertThat(socket.getInputStream().read()).as("server closes the stream").isEqualTo(-1);
        } catch (java.io.IOException e) {
            // a reset is a close too
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> turn.metrics().dropped(reason) > before);
    }

    private static void tcpBindingInSingleBytes() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), turn.port)) {
            socket.setSoTimeout(3000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            byte[] request = withFingerprint();
            for (byte b : request) {
                out.write(b);
                out.flush();
            }
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(20);
            int length = (header[2] & 0xff) << 8 | header[3] & 0xff;
            byte[] body = in.readNBytes(length);
            StunMessage answer = new io.landline.protocol.stun.StunDecoder().decode(Unpooled.wrappedBuffer(concat(header, body))).orElseThrow();
            assertThat(answer.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(answer.offsets().hasFingerprint()).as("FINGERPRINT answered to FINGERPRINT").isTrue();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void tlsPortRefusesPlainText() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), turn.tlsPort)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(binding());
            int first = socket.getInputStream().read();
            // a TLS alert (21) or a plain close; never a STUN answer in clear text
            assertThat(first).isIn(-1, 21);
        } catch (java.io.IOException e) {
            // reset: refused too
        }
    }

    // ---- bytes ---------------------------------------------------------------------------

    private static byte[] binding() {
        return StunClient.request(StunMethod.BINDING);
    }

    private static byte[] withFingerprint() {
        return StunClient.encode(StunClass.REQUEST, StunMethod.BINDING, TransactionId.random(RANDOM), List.of(), StunTrailer.FINGERPRINT);
    }

    private static byte[] attributeAfterFingerprint() {
        byte[] fingerprinted = withFingerprint();
        byte[] extra = {0x00, 0x24, 0x00, 0x04, 0, 0, 0, 1}; // PRIORITY after FINGERPRINT
        return withLength(concat(fingerprinted, extra), fingerprinted.length - 20 + 8);
    }

    private static byte[] attributePastEnd() {
        // SOFTWARE claiming 100 bytes with 4 present; the header's length covers the 8 bytes sent.
        return withLength(concat(binding(), new byte[] {(byte) 0x80, 0x22, 0x00, 100, 'a', 'b', 'c', 'd'}), 8);
    }

    private static byte[] rawAttribute(StunMethod method, int type, byte[] value) {
        byte[] attribute = concat(new byte[] {(byte) (type >> 8), (byte) type, (byte) (value.length >> 8), (byte) value.length}, value);
        return withLength(concat(StunClient.request(method), attribute), attribute.length);
    }

    private static byte[] sendIndication(InetSocketAddress peer, String payload) {
        return StunClient.encode(StunClass.INDICATION, StunMethod.SEND, TransactionId.random(RANDOM),
                List.of(new XorPeerAddress(peer), new Data(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)))), StunTrailer.NONE);
    }

    private static byte[] channelData(int channel, int length) {
        byte[] frame = new byte[4 + length];
        frame[0] = (byte) (channel >> 8);
        frame[1] = (byte) channel;
        frame[2] = (byte) (length >> 8);
        frame[3] = (byte) length;
        return frame;
    }

    private static byte[] withLength(byte[] message, int length) {
        message[2] = (byte) (length >> 8);
        message[3] = (byte) length;
        return message;
    }

    private static byte[] set(byte[] bytes, int at, int... values) {
        for (int i = 0; i < values.length; i++) {
            bytes[at + i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] flipLast(byte[] bytes) {
        bytes[bytes.length - 1] ^= 0x01;
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
