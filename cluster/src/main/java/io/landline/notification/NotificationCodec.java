package io.landline.notification;

import io.landline.protocol.token.DeviceToken;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Carries a {@link Notification} over the clustered event bus in a compact binary form:
 * <pre>
 *  16 id | 32 token | u16+utf8 topic | u16+utf8 push type | u8 priority
 *  u8 has-expiration [i64 seconds, i32 nanos] | u8 has-collapse-id [u16+utf8]
 *  i64 acceptedAt seconds | i32 acceptedAt nanos | i32 length + payload
 * </pre>
 * Locally the record is passed as is: it is immutable but for the payload array, which no
 * one writes after acceptance.
 */
public final class NotificationCodec implements MessageCodec<Notification, Notification> {

    public static final String NAME = "landline.notification";

    /** Registers the codec as the default for {@link Notification} on {@code vertx}, once. */
    public static synchronized void register(Vertx vertx) {
        try {
            vertx.eventBus().registerDefaultCodec(Notification.class, new NotificationCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // another part of this node registered it first
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, Notification n) {
        buffer.appendLong(n.id().getMostSignificantBits()).appendLong(n.id().getLeastSignificantBits());
        buffer.appendBytes(n.token().toBytes());
        appendString(buffer, n.topic());
        appendString(buffer, n.pushType());
        buffer.appendByte((byte) n.priority());
        buffer.appendByte((byte) (n.expiration().isPresent() ? 1 : 0));
        n.expiration().ifPresent(e -> buffer.appendLong(e.getEpochSecond()).appendInt(e.getNano()));
        buffer.appendByte((byte) (n.collapseId().isPresent() ? 1 : 0));
        n.collapseId().ifPresent(c -> appendString(buffer, c));
        buffer.appendLong(n.acceptedAt().getEpochSecond()).appendInt(n.acceptedAt().getNano());
        buffer.appendInt(n.payload().length).appendBytes(n.payload());
    }

    @Override
    public Notification decodeFromWire(int pos, Buffer buffer) {
        Reader r = new Reader(buffer, pos);
        UUID id = new UUID(r.longValue(), r.longValue());
        DeviceToken token = DeviceToken.parse(java.util.HexFormat.of().formatHex(r.bytes(DeviceToken.BYTES))).orElseThrow();
        String topic = r.string();
        String pushType = r.string();
        int priority = r.byteValue();
        Optional<Instant> expiration = r.byteValue() == 1 ? Optional.of(Instant.ofEpochSecond(r.longValue(), r.intValue())) : Optional.empty();
        Optional<String> collapseId = r.byteValue() == 1 ? Optional.of(r.string()) : Optional.empty();
        Instant acceptedAt = Instant.ofEpochSecond(r.longValue(), r.intValue());
        byte[] payload = r.bytes(r.intValue());
        return new Notification(id, token, topic, pushType, priority, expiration, collapseId, payload, acceptedAt);
    }

    @Override
    public Notification transform(Notification notification) {
        return notification;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }

    private static void appendString(Buffer buffer, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        buffer.appendUnsignedShort(utf8.length).appendBytes(utf8);
    }

    /** A cursor over the wire form. */
    private static final class Reader {
        private final Buffer buffer;
        private int pos;

        Reader(Buffer buffer, int pos) {
            this.buffer = buffer;
            this.pos = pos;
        }

        long longValue() {
            long v = buffer.getLong(pos);
            pos += 8;
            return v;
        }

        int intValue() {
            int v = buffer.getInt(pos);
            pos += 4;
            return v;
        }

        int byteValue() {
            return buffer.getUnsignedByte(pos++);
        }

        byte[] bytes(int length) {
            byte[] b = buffer.getBytes(pos, pos + length);
            pos += length;
            return b;
        }

        String string() {
            int length = buffer.getUnsignedShort(pos);
            pos += 2;
            return new String(bytes(length), StandardCharsets.UTF_8);
        }
    }
}
