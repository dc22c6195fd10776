package io.landline.invite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An invite code: 20 random bytes (160 bits) in lower-case base32 (RFC 4648 §6, no padding),
 * 32 characters written in four groups of eight joined by {@code -}, e.g.
 * {@code k3v7d2qa-m4x6zt5r-b7n2w4ye-q5c3hj6p}. Readers are lenient about case, dashes and
 * spaces, since people copy codes by hand; the stored form is {@link #hash()}.
 */
public final class InviteCode {

    public static final int BYTES = 20;
    /** Base32 characters of a code: 8 per 5 bytes. */
    public static final int LENGTH = BYTES * 8 / 5;
    /** Longest text looked at: a longer header is no code, and is refused without a look-up. */
    public static final int MAX_TEXT_LENGTH = 64;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int GROUP = 8;

    private final String normalised;

    private InviteCode(String normalised) {
        this.normalised = normalised;
    }

    /** A fresh code from {@code random}. */
    public static InviteCode random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        StringBuilder text = new StringBuilder(LENGTH);
        // 5 bytes are 40 bits are 8 characters of 5 bits each (RFC 4648 §6).
        for (int i = 0; i < BYTES; i += 5) {
            long block = 0;
            for (int j = 0; j < 5; j++) {
                block = (block << 8) | (bytes[i + j] & 0xff);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                text.append(ALPHABET.charAt((int) (block >>> shift) & 31));
            }
        }
        return new InviteCode(text.toString());
    }

    /** The code written as {@code text}, ignoring case, dashes and spaces; empty if it is no code. */
    public static Optional<InviteCode> parse(CharSequence text) {
        if (text == null || text.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        StringBuilder normalised = new StringBuilder(LENGTH);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || c == ' ') {
                continue;
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (ALPHABET.indexOf(lower) < 0 || normalised.length() == LENGTH) {
                return Optional.empty();
            }
            normalised.append(lower);
        }
        return normalised.length() == LENGTH ? Optional.of(new InviteCode(normalised.toString())) : Optional.empty();
    }

    /** The form to hand out: four groups of eight characters joined by dashes. */
    public String text() {
        StringBuilder grouped = new StringBuilder(LENGTH + LENGTH / GROUP);
        for (int i = 0; i < LENGTH; i += GROUP) {
            if (i > 0) {
                grouped.append('-');
            }
            grouped.append(normalised, i, i + GROUP);
        }
        return grouped.toString();
    }

    /** SHA-256 of the normalised code as 64 lower-case hex digits: what the database keeps. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InviteCode other && normalised.equals(other.normalised);
    }

    @Override
    public int hashCode() {
        return normalised.hashCode();
    }

    /** Never the code itself: codes are secrets and must not reach a log by accident. */
    @Override
    public String toString() {
        return "InviteCode[****]";
    }
}
