package io.landline.gateway.activation;

import io.landline.protocol.token.DeviceToken;

/**
 * A device just activated: what the {@code 201} answer carries.
 *
 * @param token          the device's new token
 * @param certificatePem its client certificate, PEM
 * @param caPem          the CA chain that issued it, PEM
 */
public record Activated(DeviceToken token, String certificatePem, String caPem) {
}
