package io.landline.gateway.activation;

import java.time.Instant;
import java.util.function.UnaryOperator;

/** The open policy: any request may activate a device; the rate limit is the only gate. */
final class OpenAdmission implements Admission {

    private static final Credential NONE = new Credential.None();

    @Override
    public Credential credential(UnaryOperator<String> header) {
        return NONE;
    }

    @Override
    public Pass verify(Credential credential, Instant now) {
        return (device, at) -> {
        };
    }
}
