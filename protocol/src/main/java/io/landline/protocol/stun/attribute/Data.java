package io.landline.protocol.stun.attribute;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * DATA (RFC 8656 §18.4): the application data of a Send or Data indication.
 *
 * <p>No copy: a decoded DATA is a slice of the decoded message's buffer and shares its memory
 * and reference count, so it is readable only while that buffer is; to keep it longer, take a
 * {@code retainedDuplicate()}. When encoding, the writer reads {@code content}'s readable bytes
 * without moving its indexes or releasing it.
 */
public record Data(ByteBuf content) implements StunAttribute {

    public Data {
        Objects.requireNonNull(content, "content");
    }

    /** Payload length in bytes. */
    public int length() {
        return content.readableBytes();
    }

    @Override
    public int type() {
        return AttributeType.DATA;
    }

    /** Never the payload: it is someone's media or data. */
    @Override
    public String toString() {
        return "Data[" + content.readableBytes() + " bytes]";
    }
}
