package io.landline.gateway.activation;

/** Who may activate a device. */
public enum ActivationPolicy {
    /** Anyone who reaches the HTTPS port: for development, or behind another gate. */
    OPEN,
    /** A single-use invite code, minted by {@code landline invite create}, in header {@code landline-invite}. */
    INVITE,
    /** A single-use JWT signed by the operator's enrollment key, as {@code authorization: bearer}. */
    ENROLLMENT
}
