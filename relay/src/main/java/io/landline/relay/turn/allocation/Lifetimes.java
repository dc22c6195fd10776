package io.landline.relay.turn.allocation;

/** Allocation lifetimes (RFC 8656 §7.2 step 5 and §7.3): default 600 s, at most 3600 s. */
public final class Lifetimes {

    /** RFC 8656 §2.2: "the default lifetime ... is 10 minutes". */
    public static final int DEFAULT_SECONDS = 600;
    /** RFC 8656 §7.2: the server's maximum allocation lifetime; 3600 s is the RFC's recommendation. */
    public static final int MAX_SECONDS = 3600;

    private Lifetimes() {
    }

    /**
     * The "desired lifetime" of a Refresh or the initial lifetime of an Allocate: the client's
     * request capped at the maximum, but never below the default (§7.3). Zero stays zero, which
     * a Refresh reads as "delete" (an Allocate never asks for it: zero is below the default).
     *
     * @param requested the LIFETIME attribute's seconds, or -1 when it was absent
     */
    public static int desired(long requested, boolean refresh) {
        if (requested == 0 && refresh) {
            return 0;
        }
        if (requested < 0) {
            return DEFAULT_SECONDS;
        }
        return (int) Math.max(DEFAULT_SECONDS, Math.min(requested, MAX_SECONDS));
    }
}
