package io.landline.gateway.mqtt;

import io.landline.protocol.token.DeviceToken;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * A device made for a test: its token, key pair and client certificate from the node's CA,
 * also written as PEM files for command-line clients.
 */
record TestDevice(DeviceToken token, KeyPair keys, X509Certificate certificate, Path certificateFile, Path keyFile) {

    String clientId() {
        return token.hex();
    }
}
