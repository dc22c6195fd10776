package io.landline.device;

/** Event-bus addresses about devices, published cluster-wide. */
public final class DeviceEvents {

    /**
     * A device was revoked; the body is its token as 64 lower-case hex digits. Published to
     * every node, so the one holding the device's connection closes it at once.
     */
    public static final String REVOKED = "landline.device.revoked";

    private DeviceEvents() {
    }
}
