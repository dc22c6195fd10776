package io.landline.bench.load;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end latency of delivered messages: each payload carries {@code "t":<nanoTime>} of
 * its intended send instant (open loop, so a stalled server shows up as latency rather than
 * as a lower offered rate). System.nanoTime is CLOCK_MONOTONIC on Linux, the same clock in
 * every process of the machine.
 */
final class LatencyRecorder implements DeviceConnection.Receiver {

    private final long[] samples;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong unparsed = new AtomicLong();

    LatencyRecorder(int capacity) {
        this.samples = new long[capacity];
    }

    @Override
    public void received(String token, ByteBuf payload, long arrivalNanos) {
        long sent = sendTime(payload);
        if (sent < 0) {
            unparsed.incrementAndGet();
            return;
        }
        long i = count.getAndIncrement();
        if (i < samples.length) {
            samples[(int) i] = arrivalNanos - sent;
        }
    }

    long received() {
        return count.get();
    }

    long unparsed() {
        return unparsed.get();
    }

    /** Sorted copy of the samples taken so far. */
    long[] sorted() {
        long[] copy = Arrays.copyOf(samples, (int) Math.min(samples.length, count.get()));
        Arrays.sort(copy);
        return copy;
    }

    static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Finds {@code "t":} and reads the digits after it, without decoding the payload to a String. */
    static long sendTime(ByteBuf payload) {
        int end = payload.writerIndex();
        for (int i = payload.readerIndex(); i + 4 <= end; i++) {
            if (payload.getByte(i) == '"' && payload.getByte(i + 1) == 't' && payload.getByte(i + 2) == '"' && payload.getByte(i + 3) == ':') {
                long value = 0;
                int j = i + 4;
                boolean any = false;
                while (j < end) {
                    byte b = payload.getByte(j);
                    if (b < '0' || b > '9') {
                        break;
                    }
                    value = value * 10 + (b - '0');
                    any = true;
                    j++;
                }
                return any ? value : -1;
            }
        }
        return -1;
    }
}
