package io.landline.protocol.turn;

import io.landline.protocol.stun.MalformedReason;
import io.netty.buffer.ByteBuf;

/** What {@link StreamFramer#next} found at the front of a stream. */
public sealed interface Framing {

    /** Not a whole frame yet; nothing was consumed. */
    record NeedMore() implements Framing {
        public static final NeedMore INSTANCE = new NeedMore();
    }

    /**
     * One whole frame, consumed from the stream.
     *
     * @param kind    {@link PacketKind#STUN} or {@link PacketKind#CHANNEL_DATA}
     * @param content a retained slice holding the frame (a ChannelData frame with its padding);
     *                the caller owns it and must release it
     */
    record Frame(PacketKind kind, ByteBuf content) implements Framing {
        @Override
        public String toString() {
            return "Frame[" + kind + ", " + content.readableBytes() + " bytes]";
        }
    }

    /** The stream carries something the framer cannot split; close the connection. */
    record Invalid(MalformedReason reason) implements Framing {
    }
}
