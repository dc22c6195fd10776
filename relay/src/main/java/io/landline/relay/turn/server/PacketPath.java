package io.landline.relay.turn.server;

import io.landline.protocol.stun.DecodeResult;
import io.landline.protocol.stun.Decoded;
import io.landline.protocol.stun.Malformed;
import io.landline.protocol.stun.MalformedReason;
import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunDecoder;
import io.landline.protocol.stun.StunHeader;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.StunWriter;
import io.landline.protocol.stun.TransactionId;
import io.landline.protocol.stun.attribute.Data;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.XorPeerAddress;
import io.landline.protocol.turn.ChannelDataCodec;
import io.landline.protocol.turn.ChannelRange;
import io.landline.protocol.turn.PacketKind;
import io.landline.relay.turn.allocation.Allocation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The relay's packet path, top to bottom. From a client: demultiplex by first byte (RFC 7983),
 * then ChannelData to its bound peer, a Send indication to its peer, or a STUN request to its
 * handler. From a peer: permission, bandwidth, then ChannelData when a channel is bound to the
 * peer, else a Data indication. Every packet that goes nowhere is a counted drop; nothing here
 * logs. Callers own the bytes they pass in and release them after the call; what is forwarded
 * to a peer is that same buffer, retained, its indices narrowed to the payload.
 */
final class PacketPath {

    /**
     * Channel numbers this server binds: RFC 5766's 0x4000-0x7FFF, not only RFC 8656's
     * 0x4000-0x4FFF. RFC 8656 §12 narrowed the range so that ChannelData never collides with
     * DTLS or SRTP where RFC 7983 demultiplexes them on one port; a TURN client port carries
     * neither, and RFC 5766 clients (coturn's among them) pick numbers up to 0x7FFF, which
     * coturn's server accepts too.
     */
    static final ChannelRange CHANNELS = ChannelRange.RFC_5766;

    private final TurnService service;
    private final StunDecoder decoder = new StunDecoder();
    private final StunRequests requests;

    PacketPath(TurnService service) {
        this.service = service;
        this.requests = new StunRequests(service, this);
    }

    TurnMetrics metrics() {
        return service.metrics();
    }

    // ---- from a client -------------------------------------------------------------------

    /** Stage 1, demultiplex: STUN (first byte 0-3) or ChannelData (64-79); anything else is dropped. */
    void fromClient(ClientChannel via, InetSocketAddress source, ByteBuf packet) {
        if (!packet.isReadable()) {
            metrics().drop("empty");
            return;
        }
        int first = packet.getUnsignedByte(packet.readerIndex());
        switch (PacketKind.ofFirstByte(first)) {
            case STUN -> stunFromClient(via, source, packet);
            case CHANNEL_DATA -> channelDataFromClient(via, source, packet);
            default -> {
                if (CHANNELS.coversFirstByte(first)) {
                    channelDataFromClient(via, source, packet);
                } else {
                    metrics().drop(TurnMetrics.NOT_STUN_OR_CHANNEL_DATA);
                }
            }
        }
    }

    /**
     * Stage 2a, ChannelData (RFC 8656 §12.4, §12.5), read in place: the 4-byte header is all
     * there is to parse, so this path does what the codec's ChannelDataCodec checks (length
     * present, at most 3 bytes of padding) without building a result per packet. Then to the
     * peer bound to the channel, if the permission holds.
     */
    private void channelDataFromClient(ClientChannel via, InetSocketAddress source, ByteBuf packet) {
        int at = packet.readerIndex();
        if (packet.readableBytes() < ChannelDataCodec.HEADER_BYTES) {
            metrics().drop(MalformedReason.CHANNEL_DATA_TRUNCATED.tag());
            return;
        }
        int length = packet.getUnsignedShort(at + 2);
        int trailing = packet.readableBytes() - ChannelDataCodec.HEADER_BYTES - length;
        if (trailing < 0) {
            metrics().drop(MalformedReason.CHANNEL_DATA_TRUNCATED.tag());
            return;
        }
        if (trailing > 3) {
            metrics().drop(MalformedReason.LENGTH_MISMATCH.tag());
            return;
        }
        int number = packet.getUnsignedShort(at);
        Allocation<RelayEndpoint> allocation = via.allocation(source);
        if (allocation == null) {
            metrics().drop(TurnMetrics.NO_ALLOCATION);
            return;
        }
        long now = service.clock().millis();
        InetSocketAddress peer = allocation.channelPeer(number, now);
        if (peer == null) {
            metrics().drop(TurnMetrics.UNBOUND_CHANNEL);
            return;
        }
        toPeer(allocation, peer, packet, at + ChannelDataCodec.HEADER_BYTES, length, now);
    }

    /** Stage 2b, STUN: decode once; a malformed request with a sound header gets 400, anything else malformed is dropped. */
    private void stunFromClient(ClientChannel via, InetSocketAddress source, ByteBuf packet) {
        DecodeResult<StunMessage> decoded = decoder.decode(packet);
        if (decoded instanceof Malformed<StunMessage> malformed) {
            if (malformed.deservesBadRequest() && service.rateLimiter().allow(source.getAddress(), service.clock().millis())) {
                badRequest(via, source, malformed.header().orElseThrow());
            } else {
                metrics().drop(malformed.reason().tag());
            }
            return;
        }
        StunMessage message = ((Decoded<StunMessage>) decoded).value();
        switch (message.messageClass()) {
            case REQUEST -> requests.handle(new Request(via, source, message, packet));
            case INDICATION -> {
                if (message.method().equals(StunMethod.SEND)) {
                    sendIndication(via, source, message);
                } else {
                    metrics().drop(TurnMetrics.UNEXPECTED_MESSAGE);
                }
            }
            default -> metrics().drop(TurnMetrics.UNEXPECTED_MESSAGE);
        }
    }

    /**
     * Stage 3, Send indication (RFC 8656 §11.2): no answer ever, so every failure is a drop —
     * no allocation, no XOR-PEER-ADDRESS or DATA, a peer the policy denies, no permission.
     */
    private void sendIndication(ClientChannel via, InetSocketAddress source, StunMessage message) {
        Allocation<RelayEndpoint> allocation = via.allocation(source);
        if (allocation == null) {
            metrics().drop(TurnMetrics.NO_ALLOCATION);
            return;
        }
        Optional<XorPeerAddress> peer = message.first(XorPeerAddress.class);
        Optional<Data> data = message.first(Data.class);
        if (peer.isEmpty() || data.isEmpty()) {
            metrics().drop(TurnMetrics.BAD_SEND_INDICATION);
            return;
        }
        InetSocketAddress to = peer.get().address();
        if (!service.peers().permits(to.getAddress())) {
            metrics().drop(TurnMetrics.PEER_DENIED);
            return;
        }
        // A view, so that narrowing its indices leaves the decoded attribute as it was.
        ByteBuf content = data.get().content().slice();
        toPeer(allocation, to, content, content.readerIndex(), content.readableBytes(), service.clock().millis());
    }

    /**
     * Stage 4, to a peer: family, permission, bandwidth, then {@code length} bytes of
     * {@code bytes} from {@code index} out of the relayed socket: the caller's buffer itself,
     * retained and narrowed (no copy, and no slice object per packet), released by the write.
     */
    private void toPeer(Allocation<RelayEndpoint> allocation, InetSocketAddress peer, ByteBuf bytes, int index, int length, long now) {
        Channel relayed = allocation.socket().towards(peer.getAddress());
        if (relayed == null) {
            metrics().drop(TurnMetrics.PEER_FAMILY_MISMATCH);
            return;
        }
        if (!allocation.isPermitted(peer.getAddress(), now)) {
            metrics().drop(TurnMetrics.NO_PERMISSION);
            return;
        }
        if (!allocation.withinBandwidth(length, now)) {
            metrics().drop(TurnMetrics.BANDWIDTH);
            return;
        }
        relayed.writeAndFlush(new DatagramPacket(bytes.retain().setIndex(index, index + length), peer), relayed.voidPromise());
        metrics().relayedToPeer(length);
    }

    // ---- from a peer ---------------------------------------------------------------------

    /**
     * From a peer (RFC 8656 §11.3, §12.5): only from an IP address with a permission; within
     * the bandwidth cap; as ChannelData when a channel is bound to the peer, else as a Data
     * indication with XOR-PEER-ADDRESS and DATA.
     */
    void fromPeer(Allocation<RelayEndpoint> allocation, InetSocketAddress peer, ByteBuf payload) {
        long now = service.clock().millis();
        if (!allocation.isPermitted(peer.getAddress(), now)) {
            metrics().drop(TurnMetrics.NO_PERMISSION);
            return;
        }
        int bytes = payload.readableBytes();
        if (!allocation.withinBandwidth(bytes, now)) {
            metrics().drop(TurnMetrics.BANDWIDTH);
            return;
        }
        RelayEndpoint endpoint = allocation.socket();
        ClientChannel client = endpoint.client;
        int channel = allocation.channelOf(peer, now);
        ByteBuf out;
        if (channel >= 0) {
            boolean padded = client.padsChannelData();
            out = client.alloc().ioBuffer(ChannelDataCodec.HEADER_BYTES + bytes + 3);
            ChannelDataCodec.encode(channel, payload, padded, out);
        } else {
            out = client.alloc().ioBuffer(StunHeader.BYTES + 24 + 4 + bytes + 3);
            StunWriter.start(out, StunClass.INDICATION, StunMethod.DATA, TransactionId.random(ThreadLocalRandom.current()))
                    .add(new XorPeerAddress(peer))
                    .addData(payload, payload.readerIndex(), bytes)
                    .finish(StunTrailer.NONE);
        }
        client.send(out, endpoint.clientAddress);
        metrics().relayedToClient(bytes);
    }

    private void badRequest(ClientChannel via, InetSocketAddress source, StunHeader header) {
        ByteBuf out = via.alloc().ioBuffer(64);
        StunWriter.encode(StunMessage.of(StunClass.ERROR_RESPONSE, header.method(), header.transactionId(),
                List.of(ErrorCode.of(ErrorCode.BAD_REQUEST))), StunTrailer.NONE, out);
        via.send(out, source);
        metrics().request(header.method(), ErrorCode.BAD_REQUEST);
    }
}
