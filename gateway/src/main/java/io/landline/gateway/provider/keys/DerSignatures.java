package io.landline.gateway.provider.keys;

import java.util.Optional;

/**
 * ES256 signatures in the DER form some APNs clients send (an ASN.1 {@code ECDSA-Sig-Value},
 * SEQUENCE of two INTEGERs, RFC 3279 §2.2.3) instead of JWS's 64-byte {@code r || s}
 * (RFC 7518 §3.4). APNs accepts both; so do we, converting strictly: a signature that is not
 * exactly one well-formed SEQUENCE of two 256-bit positive INTEGERs is not converted.
 */
final class DerSignatures {

    private static final int HALF = 32;

    private DerSignatures() {
    }

    /** The {@code r || s} form of a DER ECDSA P-256 signature, if {@code der} is one. */
    static Optional<byte[]> toP1363(byte[] der) {
        // SEQUENCE, short-form length: two INTEGERs of at most 33 bytes fit in 70 bytes
        if (der.length < 8 || der[0] != 0x30 || (der[1] & 0xff) != der.length - 2) {
            return Optional.empty();
        }
        byte[] out = new byte[2 * HALF];
        int next = integer(der, 2, out, 0);
        if (next < 0) {
            return Optional.empty();
        }
        next = integer(der, next, out, HALF);
        return next == der.length ? Optional.of(out) : Optional.empty();
    }

    /** Copies the INTEGER at {@code at} into {@code out[offset..offset+32)}; the index after it, or -1. */
    private static int integer(byte[] der, int at, byte[] out, int offset) {
        if (at + 2 > der.length || der[at] != 0x02) {
            return -1;
        }
        int length = der[at + 1] & 0xff;
        int start = at + 2;
        if (length == 0 || length > HALF + 1 || start + length > der.length) {
            return -1;
        }
        if ((der[start] & 0x80) != 0) {
            return -1; // negative: never an ECDSA r or s
        }
        if (length == HALF + 1) {
            if (der[start] != 0) {
                return -1;
            }
            start++;
            length--;
        }
        System.arraycopy(der, start, out, offset + HALF - length, length);
        return start + length;
    }
}
