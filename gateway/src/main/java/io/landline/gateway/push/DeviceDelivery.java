package io.landline.gateway.push;

import io.landline.notification.Notification;

import io.vertx.core.Future;

/**
 * The device endpoint's side of the push seam: hands a notification to a device connected
 * to <em>this</em> node. Implemented by the MQTT endpoint; called by the push pipeline (on
 * this node, or on behalf of another node that routed the notification here over the event bus).
 */
public interface DeviceDelivery {

    /**
     * Publishes {@code notification} to its device as a QoS 1 PUBLISH on
     * {@code push/<topic>} and completes when the device's PUBACK arrives. Fails with
     * {@link DeviceNotConnected} when the device has no connection on this node, or when the
     * connection closes before the PUBACK; the notification then stays pending. Fails with
     * {@link DeviceRejected} when the device cannot or will not take it (a PUBACK with an error
     * reason code, or a PUBLISH over the device's Maximum Packet Size): retrying would fail again.
     * The future completes on the device connection's event loop.
     */
    Future<Void> deliver(Notification notification);

    /** Failure of {@link #deliver}: not connected here (any more); the caller keeps the notification pending. */
    final class DeviceNotConnected extends RuntimeException {
        public DeviceNotConnected(String message) {
            super(message, null, false, false);
        }
    }

    /** Failure of {@link #deliver}: the device refused the notification with MQTT 5 reason code {@link #reasonCode()}. */
    final class DeviceRejected extends RuntimeException {
        private final int reasonCode;

        public DeviceRejected(String message, int reasonCode) {
            super(message, null, false, false);
            this.reasonCode = reasonCode;
        }

        public int reasonCode() {
            return reasonCode;
        }
    }
}
