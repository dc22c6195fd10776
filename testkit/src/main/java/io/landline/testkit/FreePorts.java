package io.landline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out loopback ports that are free for both TCP and UDP right now. Ports are taken
 * from a per-JVM window of the ephemeral-free range so that parallel test JVMs rarely meet.
 */
public final class FreePorts {

    private static final AtomicInteger NEXT = new AtomicInteger(20000 + (int) (ProcessHandle.current().pid() % 200) * 100);

    private FreePorts() {
    }

    /** One port free on 127.0.0.1 for TCP and UDP. */
    public static int next() {
        for (int tries = 0; tries < 2000; tries++) {
            int port = NEXT.getAndIncrement();
            if (port > 40000) {
                NEXT.set(20000);
                continue;
            }
            if (isFree(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port found"));
    }

    /** {@code count} consecutive ports, each free for TCP and UDP. */
    public static int consecutive(int count) {
        for (int tries = 0; tries < 200; tries++) {
            int first = next();
            boolean all = true;
            for (int p = first + 1; p < first + count; p++) {
                if (!isFree(p)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                NEXT.set(first + count);
                return first;
            }
        }
        throw new UncheckedIOException(new IOException("no " + count + " consecutive free loopback ports"));
    }

    public static boolean isFree(int port) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(loopback, port));
        } catch (IOException e) {
            return false;
        }
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
