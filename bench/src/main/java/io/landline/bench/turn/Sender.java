package io.landline.bench.turn;

import io.netty.channel.Channel;

/** Something a {@link Pacer} makes send one datagram at a time, on its socket's event loop. */
interface Sender {

    Channel channel();

    /** Writes and flushes one datagram stamped with {@code epoch}. */
    void send(int epoch);
}
