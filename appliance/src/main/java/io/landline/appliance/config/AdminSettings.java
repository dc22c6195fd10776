package io.landline.appliance.config;

import java.util.Objects;

/**
 * The admin API listener: /metrics, /health/*, operator commands. Keep it on a private address.
 *
 * @param host address to bind
 * @param port TCP port
 */
public record AdminSettings(String host, int port) {

    public AdminSettings {
        Objects.requireNonNull(host, "host");
    }
}
