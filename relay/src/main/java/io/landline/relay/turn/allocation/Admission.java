package io.landline.relay.turn.allocation;

/** Whether a new allocation may be made, before any port is bound (RFC 8656 §7.2 step 9 and 10). */
public enum Admission {
    ADMITTED,
    /** The user holds its quota of allocations: 486 Allocation Quota Reached. */
    USER_QUOTA_REACHED,
    /** The node holds its maximum of allocations: 508 Insufficient Capacity. */
    NODE_FULL
}
