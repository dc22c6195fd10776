package io.landline.protocol.stun.attribute;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * ADDRESS-ERROR-CODE (RFC 8656 §18.12): why the relayed address of one family of a dual
 * allocation could not be had, laid out as ERROR-CODE with the family in the first byte.
 *
 * <pre>
 * |  Family       |    Reserved             |Class|     Number    |
 * |      Reason Phrase (variable)                                ..
 * </pre>
 */
public record AddressErrorCode(int family, int code, String reason) implements StunAttribute {

    public AddressErrorCode {
        Objects.requireNonNull(reason, "reason");
        if (family < 0 || family > 0xFF) {
            throw new IllegalArgumentException("a family has 8 bits: " + family);
        }
        if (!ErrorCode.isValidCode(code)) {
            throw new IllegalArgumentException("an error code is 300..699: " + code);
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > ErrorCode.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("reason phrase over " + ErrorCode.MAX_REASON_BYTES + " bytes");
        }
    }

    @Override
    public int type() {
        return AttributeType.ADDRESS_ERROR_CODE;
    }
}
