package io.landline.gateway.activation;

import io.landline.device.Device;
import io.landline.device.DeviceRepository;
import io.landline.protocol.token.DeviceToken;
import io.landline.tls.CertificateAuthority;
import io.landline.tls.Pem;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Activates one device, blocking (signatures and JDBC): run it on a worker thread. The steps
 * are ordered so that nothing is spent on a request that will fail: the credential is checked,
 * then the CSR, and only then is the credential spent, the certificate signed and the device stored.
 */
final class Activator {

    private final Admission admission;
    private final CertificateAuthority ca;
    private final DeviceRepository devices;
    private final Duration validity;
    private final Clock clock;
    private final SecureRandom random;
    private final String caPem;

    Activator(Admission admission, CertificateAuthority ca, DeviceRepository devices, Duration validity, Clock clock, SecureRandom random) {
        this.admission = admission;
        this.ca = ca;
        this.devices = devices;
        this.validity = validity;
        this.clock = clock;
        this.random = random;
        this.caPem = Pem.encodeCertificates(List.of(ca.certificate()));
    }

    Admission admission() {
        return admission;
    }

    /**
     * @throws ActivationRefused for anything the device got wrong
     * @throws io.landline.storage.StorageException when the database fails
     */
    Activated activate(byte[] body, Credential credential) throws ActivationRefused {
        Instant now = clock.instant();
        Admission.Pass pass = admission.verify(credential, now);
        SigningRequest request = SigningRequest.parse(body);
        DeviceToken token = DeviceToken.random(random);
        pass.spend(token, now);
        X509Certificate certificate;
        try {
            // The subject is the token alone: the device endpoint reads the token from the CN.
            certificate = ca.signDeviceCertificate(request.csr(), token.hex(), validity);
        } catch (IllegalArgumentException e) {
            throw Refusal.BAD_CSR.because(e.getMessage());
        }
        String certificatePem = Pem.encodeCertificates(List.of(certificate));
        if (!devices.insert(Device.active(token, certificatePem, request.algorithm().label(), now))) {
            // 2^-256; a repeat means a broken random source, which must not pass quietly.
            throw new IllegalStateException("device token collision: " + token);
        }
        return new Activated(token, certificatePem, caPem);
    }
}
