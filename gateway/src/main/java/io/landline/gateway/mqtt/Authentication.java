package io.landline.gateway.mqtt;

import io.landline.device.Device;
import io.landline.device.DeviceRepository;
import io.landline.gateway.jws.CompactJws;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Optional;

/**
 * Who a CONNECT is and whether that device may connect: the ClientID must be the token named
 * by the TLS client certificate (subject CN) or, over WebSocket, by a device assertion in the
 * password; then the device must be known and not revoked (a repository look-up on a worker
 * thread). Fails with a {@link Refusal}.
 */
final class Authentication {

    private final Vertx vertx;
    private final DeviceRepository devices;
    private final Clock clock;

    Authentication(Vertx vertx, DeviceRepository devices, Clock clock) {
        this.vertx = vertx;
        this.devices = devices;
        this.clock = clock;
    }

    /** MQTT over TLS: the certificate names the device; username and password are ignored. */
    Future<Device> byCertificate(DeviceToken claimed, Optional<String> commonName) {
        if (commonName.flatMap(DeviceToken::parse).filter(claimed::equals).isEmpty()) {
            return Future.failedFuture(new Refusal(Ending.CLIENT_IDENTIFIER_NOT_VALID, "ClientID is not the certificate's token"));
        }
        return activeDevice(claimed);
    }

    /** MQTT over WebSocket: the password is an assertion signed by the device's key. */
    Future<Device> byAssertion(DeviceToken claimed, byte[] password) {
        if (password == null || password.length == 0 || password.length > CompactJws.MAX_LENGTH) {
            return Future.failedFuture(new Refusal(Ending.BAD_USER_NAME_OR_PASSWORD, "no device assertion in the password"));
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(new String(password, StandardCharsets.US_ASCII));
        } catch (CompactJws.MalformedJws e) {
            return Future.failedFuture(new Refusal(Ending.BAD_USER_NAME_OR_PASSWORD, "device assertion: " + e.getMessage()));
        }
        return activeDevice(claimed).compose(device -> {
            Optional<String> problem = publicKey(device)
                    .map(key -> DeviceAssertion.problem(jws, claimed, key, clock.instant()))
                    .orElse(Optional.of("stored device certificate is unreadable"));
            return problem.isEmpty() ? Future.succeededFuture(device)
                    : Future.failedFuture(new Refusal(Ending.BAD_USER_NAME_OR_PASSWORD, problem.get()));
        });
    }

    private Future<Device> activeDevice(DeviceToken token) {
        return Blocking.offload(vertx, () -> devices.find(token)).transform(found -> {
            if (found.failed()) {
                return Future.failedFuture(new Refusal(Ending.SERVER_UNAVAILABLE, "device store: " + found.cause().getMessage()));
            }
            Optional<Device> device = found.result();
            if (device.isEmpty()) {
                return Future.failedFuture(new Refusal(Ending.NOT_AUTHORIZED, "unknown device"));
            }
            if (device.get().isRevoked()) {
                return Future.failedFuture(new Refusal(Ending.BANNED, "device revoked"));
            }
            return Future.succeededFuture(device.get());
        });
    }

    private static Optional<PublicKey> publicKey(Device device) {
        try {
            return Optional.of(CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(device.certificatePem().getBytes(StandardCharsets.US_ASCII)))
                    .getPublicKey());
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
