package io.landline.gateway.activation;

/** An activation refused for a {@link Refusal}: an expected outcome, so it carries no stack trace. */
public final class ActivationRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    ActivationRefused(Refusal refusal, String detail) {
        super(refusal.reason() + ": " + detail, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
