package io.landline.appliance.logging;

import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Routes every library's logging (JUL directly; Hazelcast, Netty, Vert.x, HikariCP and
 * Flyway through it) to one stderr handler with {@link LineFormatter}, and quiets the
 * chatty ones so that the log holds one line per significant event.
 */
public final class LogSetup {

    private static final Map<String, Level> QUIET = Map.of(
            "com.hazelcast", Level.WARNING,
            "com.zaxxer.hikari", Level.WARNING,
            "org.flywaydb", Level.WARNING,
            "io.netty", Level.INFO,
            "io.vertx", Level.INFO,
            // Vert.x's HTTP server meters re-register one gauge per server on first use, and
            // Micrometer warns about it once; the meter itself is fine.
            "io.micrometer.core.instrument.MeterRegistry", Level.SEVERE,
            // One line per reset or garbled connection would let any port scan flood the
            // journal; listeners count those in their metrics instead.
            "io.vertx.core.net.impl.ConnectionBase", Level.OFF,
            "com.hazelcast.internal.server.tcp.TcpServerConnection", Level.SEVERE);

    // Held strongly: LogManager keeps loggers only weakly, which would drop their levels.
    private static final java.util.List<Logger> CONFIGURED = new java.util.ArrayList<>();

    private LogSetup() {
    }

    /** Configures logging unless the operator gave {@code -Djava.util.logging.config.file}. */
    public static void configure(Map<String, String> env) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new LineFormatter(env.containsKey("JOURNAL_STREAM")));
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        QUIET.forEach((name, level) -> {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(level);
            CONFIGURED.add(logger);
        });
    }

}
