package io.landline.bench.turn;

import io.netty.buffer.ByteBuf;

/**
 * The peer's socket: counts the relayed (or, for the baseline, direct) payloads of the
 * measured epoch and records their one-way latency, sender's stamp to arrival.
 */
final class PeerReceiver extends MeasuringHandler {

    @Override
    Kind classify(ByteBuf content, long now) {
        if (!RelayPayload.isPayload(content)) {
            return Kind.FOREIGN;
        }
        if (RelayPayload.epoch(content) != measured()) {
            return Kind.OTHER_EPOCH;
        }
        recordLatency(now - RelayPayload.sentNanos(content));
        return Kind.COUNTED;
    }
}
