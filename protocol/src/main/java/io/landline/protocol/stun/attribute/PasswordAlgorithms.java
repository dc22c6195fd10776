package io.landline.protocol.stun.attribute;

import java.util.List;

/**
 * PASSWORD-ALGORITHMS (RFC 8489 §14.11): the algorithms the server offers, in its order of
 * preference, each as {@code algorithm(16) | parameters length(16) | parameters, padded}.
 *
 * @param algorithms algorithm numbers, see {@link PasswordAlgorithm#MD5}, {@link PasswordAlgorithm#SHA_256}
 */
public record PasswordAlgorithms(List<Integer> algorithms) implements StunAttribute {

    public PasswordAlgorithms {
        algorithms = List.copyOf(algorithms);
        for (int a : algorithms) {
            if (a < 0 || a > 0xFFFF) {
                throw new IllegalArgumentException("an algorithm number has 16 bits: " + a);
            }
        }
    }

    @Override
    public int type() {
        return AttributeType.PASSWORD_ALGORITHMS;
    }
}
