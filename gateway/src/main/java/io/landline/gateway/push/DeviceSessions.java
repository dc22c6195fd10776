package io.landline.gateway.push;

import io.landline.protocol.token.DeviceToken;

/**
 * The push pipeline's side of the seam: the device endpoint tells it when a device's
 * session is ready to receive (after CONNACK and its SUBSCRIBE to {@code push/#}), so that
 * pending notifications go out in order. Implemented by the push pipeline.
 */
public interface DeviceSessions {

    /** The device with {@code token} is connected on this node and subscribed to {@code push/#}. */
    void deviceReady(DeviceToken token);

    /** The device's connection on this node closed (or was taken over). */
    void deviceGone(DeviceToken token);

    DeviceSessions NONE = new DeviceSessions() {
        @Override
        public void deviceReady(DeviceToken token) {
        }

        @Override
        public void deviceGone(DeviceToken token) {
        }
    };
}
