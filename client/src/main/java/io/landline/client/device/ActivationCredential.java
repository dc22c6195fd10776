package io.landline.client.device;

import java.util.Objects;

/** What the node's activation policy asks a device to bring. */
public sealed interface ActivationCredential {

    /** The open policy asks for nothing. */
    static ActivationCredential none() {
        return new None();
    }

    /** An invite code from the operator, sent in header {@code landline-invite}. */
    static ActivationCredential invite(String code) {
        return new Invite(code);
    }

    /** An enrollment token (JWT) signed by the operator, sent as {@code authorization: bearer}. */
    static ActivationCredential enrollment(String token) {
        return new Enrollment(token);
    }

    record None() implements ActivationCredential {
    }

    record Invite(String code) implements ActivationCredential {
        public Invite {
            Objects.requireNonNull(code, "code");
        }

        @Override
        public String toString() {
            return "Invite[****]";
        }
    }

    record Enrollment(String token) implements ActivationCredential {
        public Enrollment {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Enrollment[****]";
        }
    }
}
