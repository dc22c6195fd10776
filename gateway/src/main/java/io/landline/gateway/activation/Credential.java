package io.landline.gateway.activation;

/** What a request brings to pass the activation policy, as picked out of its headers. */
sealed interface Credential {

    /** Nothing: enough under the open policy. */
    record None() implements Credential {
    }

    /** The text of header {@code landline-invite}, not yet parsed. */
    record Invite(String text) implements Credential {
        @Override
        public String toString() {
            return "Invite[****]";
        }
    }

    /** The token of {@code authorization: bearer}, not yet verified. */
    record Bearer(String token) implements Credential {
        @Override
        public String toString() {
            return "Bearer[****]";
        }
    }
}
