package io.landline.bench.turn;

import java.util.List;

/**
 * What one socket, or several summed, received while an epoch was measured.
 *
 * @param counted     datagrams of the measured epoch (relayed payloads, Binding answers)
 * @param otherEpochs datagrams of an earlier epoch that arrived late
 * @param foreign     datagrams that were none of ours, or not what was asked for (error answers)
 * @param latency     one-way (relay) or round-trip (Binding) latency of the counted ones
 */
record Tally(long counted, long otherEpochs, long foreign, LatencyHistogram latency) {

    static Tally sum(List<? extends MeasuringHandler> handlers) {
        LatencyHistogram all = new LatencyHistogram();
        long counted = 0;
        long other = 0;
        long foreign = 0;
        for (MeasuringHandler h : handlers) {
            Tally t = h.snapshot();
            counted += t.counted();
            other += t.otherEpochs();
            foreign += t.foreign();
            all.mergeFrom(t.latency());
        }
        return new Tally(counted, other, foreign, all);
    }
}
