package io.landline.gateway.activation;

import io.landline.device.Device;
import io.landline.device.DeviceEvents;
import io.landline.device.DeviceRepository;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Revokes a device: marks it revoked in the database, so that no node accepts its connection
 * again, then publishes {@link DeviceEvents#REVOKED} cluster-wide, so that the node holding its
 * connection closes it at once. Revoking twice is harmless: the first time is kept, and the
 * event goes out again in case a connection slipped in between.
 */
public final class DeviceRevocation {

    private static final Logger LOG = Logger.getLogger("landline.activation");

    /**
     * @param device  the device as stored after the call
     * @param changed false when it had been revoked before
     */
    public record Revoked(Device device, boolean changed) {
    }

    private final Vertx vertx;
    private final DeviceRepository devices;
    private final ActivationMetrics metrics;
    private final Clock clock;

    public DeviceRevocation(Vertx vertx, DeviceRepository devices, ActivationMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.devices = devices;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @return empty when no device has {@code token} */
    public Future<Optional<Revoked>> revoke(DeviceToken token) {
        return vertx.executeBlocking(() -> {
            boolean changed = devices.revoke(token, clock.instant());
            return devices.find(token).map(device -> new Revoked(device, changed));
        }, false).map(revoked -> {
            revoked.ifPresent(r -> {
                vertx.eventBus().publish(DeviceEvents.REVOKED, token.hex());
                if (r.changed()) {
                    metrics.revoked();
                    LOG.info(() -> "revoked device " + token + " (" + r.device().keyAlgorithm() + ", activated "
                            + r.device().activatedAt() + "); its connection is closed and refused from now on");
                } else {
                    LOG.info(() -> "device " + token + " was already revoked at " + r.device().revokedAt().orElseThrow()
                            + "; told the cluster again");
                }
            });
            return revoked;
        });
    }
}
