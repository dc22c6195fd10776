package io.landline.bench.turn;

import io.landline.protocol.stun.DecodeResult;
import io.landline.protocol.stun.Decoded;
import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunDecoder;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.StunWriter;
import io.landline.protocol.stun.TransactionId;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Client transactions over one UDP socket connected to the server (RFC 8489 §6.2.1): a request
 * is retransmitted after RTO, 2·RTO, 4·RTO ... until an answer with its transaction ID comes or
 * the last wait runs out. Every field is touched only on the socket's event loop.
 */
final class StunClient extends ChannelInboundHandlerAdapter {

    /** RFC 8489 §6.2.1's initial RTO. */
    static final long RTO_MILLIS = 500;
    /** Sends per request; fewer than the RFC's Rc = 7, so that a dead server fails a run in seconds, not minutes. */
    static final int MAX_SENDS = 4;
    /** Wait after the last send (the RFC's Rm·RTO for Rm = 16 would be 8 s). */
    static final long LAST_WAIT_MILLIS = 2000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StunDecoder decoder = new StunDecoder();
    private final Map<TransactionId, Pending> pending = new HashMap<>();
    private Channel channel;
    private long unmatched;

    private static final class Pending {
        final ByteBuf request;
        final CompletableFuture<StunMessage> answer;
        final StunMethod method;
        int sends;
        ScheduledFuture<?> timer;

        Pending(ByteBuf request, CompletableFuture<StunMessage> answer, StunMethod method) {
            this.request = request;
            this.answer = answer;
            this.method = method;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    Channel channel() {
        return channel;
    }

    /** Sends a request; the future completes on the event loop with the answer, success or error. */
    CompletableFuture<StunMessage> request(StunMethod method, List<? extends StunAttribute> attributes, StunTrailer trailer) {
        CompletableFuture<StunMessage> answer = new CompletableFuture<>();
        List<StunAttribute> copy = new ArrayList<>(attributes);
        channel.eventLoop().execute(() -> start(method, copy, trailer, answer));
        return answer;
    }

    private void start(StunMethod method, List<StunAttribute> attributes, StunTrailer trailer, CompletableFuture<StunMessage> answer) {
        TransactionId id;
        synchronized (RANDOM) {
            id = TransactionId.random(RANDOM);
        }
        ByteBuf request = channel.alloc().directBuffer(256);
        try {
            StunWriter.start(request, StunClass.REQUEST, method, id).addAll(attributes).finish(trailer);
        } catch (RuntimeException e) {
            request.release();
            answer.completeExceptionally(e);
            return;
        }
        Pending p = new Pending(request, answer, method);
        pending.put(id, p);
        transmit(id, p);
    }

    private void transmit(TransactionId id, Pending p) {
        p.sends++;
        channel.writeAndFlush(p.request.retainedDuplicate(), channel.voidPromise());
        long wait = p.sends < MAX_SENDS ? RTO_MILLIS << (p.sends - 1) : LAST_WAIT_MILLIS;
        p.timer = channel.eventLoop().schedule(() -> expire(id), wait, TimeUnit.MILLISECONDS);
    }

    private void expire(TransactionId id) {
        Pending p = pending.get(id);
        if (p == null) {
            return;
        }
        if (p.sends < MAX_SENDS) {
            transmit(id, p);
            return;
        }
        pending.remove(id);
        p.request.release();
        p.answer.completeExceptionally(new TimeoutException(p.method + " unanswered after " + MAX_SENDS + " sends"));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ByteBuf content = msg instanceof DatagramPacket packet ? packet.content() : (ByteBuf) msg;
            DecodeResult<StunMessage> result = decoder.decode(content);
            Pending p = null;
            if (result instanceof Decoded<StunMessage> decoded && decoded.value().messageClass().isResponse()) {
                p = pending.remove(decoded.value().transactionId());
            }
            if (p == null) {
                unmatched++; // a late retransmission's answer, or bytes that are no answer of ours
                return;
            }
            p.timer.cancel(false);
            p.request.release();
            p.answer.complete(((Decoded<StunMessage>) result).value());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Pending p : pending.values()) {
            p.timer.cancel(false);
            p.request.release();
            p.answer.completeExceptionally(new IllegalStateException("socket closed"));
        }
        pending.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable surfaces here on a connected socket: the retransmission timer decides
    }

    /** Answers that matched no pending request (read on the event loop). */
    long unmatched() {
        return unmatched;
    }
}
