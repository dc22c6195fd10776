package io.landline.appliance.node;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT end the node in order and with exit code 0, which systemd counts as a
 * clean stop (the JVM's default handling would run hooks and exit 143). A second signal
 * during the drain ends the process at once.
 */
public final class ShutdownSignals {

    private final CountDownLatch received = new CountDownLatch(1);

    private ShutdownSignals() {
    }

    public static ShutdownSignals install() {
        ShutdownSignals signals = new ShutdownSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> signals.onSignal());
        }
        return signals;
    }

    private void onSignal() {
        if (received.getCount() == 0) {
            Runtime.getRuntime().halt(130);
        }
        received.countDown();
    }

    /** Blocks the calling (main) thread until a stop signal arrives. */
    public void await() throws InterruptedException {
        received.await();
    }
}
