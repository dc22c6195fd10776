package io.landline.relay.turn.server;

import io.landline.protocol.stun.Decoded;
import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunDecoder;
import io.landline.protocol.stun.StunKeys;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.StunWriter;
import io.landline.protocol.stun.TransactionId;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.Realm;
import io.landline.protocol.stun.attribute.RequestedTransport;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.landline.protocol.stun.attribute.Username;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A minimal STUN/TURN client over a real UDP socket for tests: builds requests with the
 * codec, signs them with long-term credentials after the 401 challenge, and decodes answers.
 */
final class StunClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    final DatagramSocket socket;
    private final InetSocketAddress server;
    private final StunDecoder decoder = new StunDecoder();
    private String user = TurnFixture.USER;
    private String password = TurnFixture.PASSWORD;
    private String realm;
    private String nonce;

    StunClient(InetSocketAddress server) {
        this(server, InetAddress.getLoopbackAddress());
    }

    StunClient(InetSocketAddress server, InetAddress local) {
        this.server = server;
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
            socket.setSoTimeout(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StunClient as(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    static byte[] encode(StunClass messageClass, StunMethod method, TransactionId id, List<StunAttribute> attributes, StunTrailer trailer) {
        ByteBuf out = Unpooled.buffer();
        try {
            StunWriter.encode(StunMessage.of(messageClass, method, id, attributes), trailer, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    static byte[] request(StunMethod method, StunAttribute... attributes) {
        return encode(StunClass.REQUEST, method, TransactionId.random(RANDOM), List.of(attributes), StunTrailer.NONE);
    }

    void send(byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram from the server, decoded; empty after the socket's timeout. */
    Optional<StunMessage> receive() {
        return receive(2000);
    }

    Optional<StunMessage> receive(int timeoutMs) {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(timeoutMs);
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuf in = Unpooled.wrappedBuffer(buffer, 0, packet.getLength());
        var result = decoder.decode(in);
        if (result instanceof Decoded<StunMessage> decoded) {
            return Optional.of(decoded.value());
        }
        throw new AssertionError("undecodable answer " + result + ": " + ByteBufUtil.hexDump(in));
    }

    /** Raw bytes of the next datagram, or null after the timeout. */
    byte[] receiveRaw(int timeoutMs) {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(timeoutMs);
            socket.receive(packet);
            return java.util.Arrays.copyOf(buffer, packet.getLength());
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StunMessage exchange(byte[] request) {
        send(request);
        return receive(2000).orElseThrow(() -> new AssertionError("no answer"));
    }

    /** Learns realm and nonce from the 401 to an unsigned Allocate. */
    StunClient challenge() {
        StunMessage answer = exchange(request(StunMethod.ALLOCATE, new RequestedTransport(RequestedTransport.UDP)));
        if (errorCode(answer) != ErrorCode.UNAUTHENTICATED) {
            throw new AssertionError("expected 401, got " + answer);
        }
        realm = answer.first(Realm.class).orElseThrow().value();
        nonce = answer.first(Nonce.class).orElseThrow().value();
        return this;
    }

    String nonce() {
        return nonce;
    }

    void nonce(String value) {
        nonce = value;
    }

    byte[] key() {
        return StunKeys.longTermMd5(user, realm, password);
    }

    /** A request signed with MESSAGE-INTEGRITY under this client's long-term key, with FINGERPRINT. */
    byte[] signed(StunMethod method, TransactionId id, StunAttribute... attributes) {
        List<StunAttribute> all = new ArrayList<>(List.of(attributes));
        all.add(new Username(user));
        all.add(new Realm(realm));
        all.add(new Nonce(nonce));
        return encode(StunClass.REQUEST, method, id, all, StunTrailer.messageIntegrity(key()).withFingerprint());
    }

    byte[] signed(StunMethod method, StunAttribute... attributes) {
        return signed(method, TransactionId.random(RANDOM), attributes);
    }

    /** Challenge, then a signed Allocate for UDP; returns the success. */
    StunMessage allocate(StunAttribute... extra) {
        if (nonce == null) {
            challenge();
        }
        List<StunAttribute> attributes = new ArrayList<>(List.of(new RequestedTransport(RequestedTransport.UDP)));
        attributes.addAll(List.of(extra));
        StunMessage answer = exchange(signed(StunMethod.ALLOCATE, attributes.toArray(StunAttribute[]::new)));
        if (answer.messageClass() != StunClass.SUCCESS_RESPONSE) {
            throw new AssertionError("Allocate failed: " + answer);
        }
        return answer;
    }

    static int errorCode(StunMessage answer) {
        return answer.first(ErrorCode.class).map(ErrorCode::code).orElse(0);
    }

    @Override
    public void close() {
        socket.close();
    }
}
