package io.landline.gateway.push;

import io.landline.protocol.token.DeviceToken;

/**
 * Breaks the start-up cycle between the device endpoint (which reports to a
 * {@link DeviceSessions}) and the push pipeline (which delivers through the endpoint): the
 * endpoint is built with this, and it forwards to the pipeline once that has started. Nothing
 * is lost before: the endpoint accepts no device until the node listens, after forwarding is set.
 */
public final class ForwardingDeviceSessions implements DeviceSessions {

    private volatile DeviceSessions target = DeviceSessions.NONE;

    public void forwardTo(DeviceSessions sessions) {
        this.target = sessions;
    }

    @Override
    public void deviceReady(DeviceToken token) {
        target.deviceReady(token);
    }

    @Override
    public void deviceGone(DeviceToken token) {
        target.deviceGone(token);
    }
}
