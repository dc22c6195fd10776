package io.landline.gateway.push;

import io.landline.notification.Notification;
import io.vertx.core.Future;

/** The delivery of a node without a device endpoint: no device is ever connected, so everything waits in the store. */
public final class NoDevices implements DeviceDelivery {

    @Override
    public Future<Void> deliver(Notification notification) {
        return Future.failedFuture(new DeviceNotConnected("no device endpoint on this node"));
    }
}
