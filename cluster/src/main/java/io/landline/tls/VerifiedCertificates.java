package io.landline.tls;

import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Device certificates that passed every check, remembered by the SHA-256 of their DER so a
 * device that reconnects skips the CA signature verification. Bounded: a fixed table of
 * {@code capacity} slots chosen by the fingerprint, where a newer certificate replaces whatever
 * held its slot (about 80 bytes a slot). Only what depends on the certificate's bytes alone is
 * remembered; the clock is checked on every use, and revocation is not a certificate property
 * here: the device repository decides it at every MQTT CONNECT.
 */
final class VerifiedCertificates {

    /** Default slots: 16,384 × ~80 bytes ≈ 1.3 MiB at most. */
    static final int DEFAULT_CAPACITY = 16_384;

    private record Entry(byte[] fingerprint, long notBefore, long notAfter) {
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    VerifiedCertificates(int capacity) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    /** The SHA-256 of {@code der}, the key of this table. */
    static byte[] fingerprint(byte[] der) {
        return CaSignature.sha256().digest(der);
    }

    /**
     * Whether {@code fingerprint} was verified before and {@code nowMillis} lies in its validity
     * period; an entry past its notAfter is dropped.
     */
    boolean contains(byte[] fingerprint, long nowMillis) {
        int slot = slot(fingerprint);
        Entry entry = slots.get(slot);
        if (entry == null || !MessageDigest.isEqual(entry.fingerprint, fingerprint)) {
            return false;
        }
        if (nowMillis > entry.notAfter) {
            slots.compareAndSet(slot, entry, null);
            return false;
        }
        return nowMillis >= entry.notBefore;
    }

    void add(byte[] fingerprint, long notBeforeMillis, long notAfterMillis) {
        slots.set(slot(fingerprint), new Entry(fingerprint, notBeforeMillis, notAfterMillis));
    }

    private int slot(byte[] fingerprint) {
        // SHA-256 output is uniform; its first four bytes pick the slot.
        int hash = (fingerprint[0] & 0xFF) << 24 | (fingerprint[1] & 0xFF) << 16 | (fingerprint[2] & 0xFF) << 8 | (fingerprint[3] & 0xFF);
        return hash & mask;
    }
}
