package io.landline.gateway.activation;

import io.landline.protocol.token.DeviceToken;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * An activation policy at work, in three steps so that a bad request costs no invite: pick
 * the credential out of the headers (on the event loop), verify it without spending it, and,
 * once the CSR proved good, spend it on the new device.
 */
sealed interface Admission permits OpenAdmission, InviteAdmission, EnrollmentAdmission {

    /**
     * The credential in the request; cheap, no I/O, fit for an event loop.
     *
     * @param header a request header by name, or null
     */
    Credential credential(UnaryOperator<String> header) throws ActivationRefused;

    /** Checks {@code credential} without spending it; may block and compute. */
    Pass verify(Credential credential, Instant now) throws ActivationRefused;

    /** A verified credential, spent once on the device it activates. */
    interface Pass {
        /** Spends the credential atomically: of concurrent spends, one wins and the rest are refused. */
        void spend(DeviceToken device, Instant now) throws ActivationRefused;
    }
}
