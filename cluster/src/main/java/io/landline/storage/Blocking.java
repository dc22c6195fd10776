package io.landline.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Keeps JDBC off event loops. Every JDBC method calls {@link #check()} first, so a call made
 * from a handler fails at once and loudly instead of stalling every connection on that loop;
 * handlers reach the database through {@link #offload(Vertx, Callable)}.
 */
public final class Blocking {

    private Blocking() {
    }

    /**
     * @throws IllegalStateException when the current thread is a Vert.x event loop
     */
    public static void check() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("blocking database call on an event loop thread: use executeBlocking");
        }
    }

    /**
     * Runs {@code call} on a Vert.x worker thread, e.g.
     * {@code Blocking.offload(vertx, () -> devices.find(token))}.
     * Calls from one context run in the order they were made (Vert.x's ordered default), so a
     * handler that revokes and then looks up a device sees its own revocation.
     */
    public static <T> Future<T> offload(Vertx vertx, Callable<T> call) {
        return vertx.executeBlocking(call);
    }
}
