package io.landline.protocol.stun;

import io.landline.protocol.stun.attribute.StunAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN message (RFC 8489 §5): header fields and the attributes in wire order.
 *
 * <p>A decoded message also says which comprehension-required attribute types it carried
 * that this codec does not understand (a request with any is answered 420 with
 * UNKNOWN-ATTRIBUTES, §6.3.1.1), and where its integrity attributes sat in the raw bytes so
 * that {@link StunIntegrity} can check them. Attributes after MESSAGE-INTEGRITY other than
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are ignored as §14.5 demands, and so are those after
 * MESSAGE-INTEGRITY-SHA256 other than FINGERPRINT (§14.6); they do not appear here.
 *
 * @param unknownComprehensionRequired types below 0x8000 the decoder skipped, in wire order
 * @param offsets                      integrity offsets in the decoded bytes; {@link IntegrityOffsets#NONE} when built
 */
public record StunMessage(StunClass messageClass, StunMethod method, TransactionId transactionId,
                          List<StunAttribute> attributes, List<Integer> unknownComprehensionRequired,
                          IntegrityOffsets offsets) {

    public StunMessage {
        Objects.requireNonNull(messageClass, "messageClass");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(transactionId, "transactionId");
        attributes = List.copyOf(attributes);
        unknownComprehensionRequired = List.copyOf(unknownComprehensionRequired);
        Objects.requireNonNull(offsets, "offsets");
    }

    /** A message to encode. */
    public static StunMessage of(StunClass messageClass, StunMethod method, TransactionId transactionId,
                                 List<? extends StunAttribute> attributes) {
        return new StunMessage(messageClass, method, transactionId, List.copyOf(attributes), List.of(), IntegrityOffsets.NONE);
    }

    /** A message to encode. */
    public static StunMessage of(StunClass messageClass, StunMethod method, TransactionId transactionId,
                                 StunAttribute... attributes) {
        return of(messageClass, method, transactionId, List.of(attributes));
    }

    /** The first attribute of {@code kind}: the one a receiver processes (RFC 8489 §14). */
    public <A extends StunAttribute> Optional<A> first(Class<A> kind) {
        for (StunAttribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    /** Every attribute of {@code kind}, in wire order (XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS may repeat). */
    public <A extends StunAttribute> List<A> all(Class<A> kind) {
        List<A> found = new ArrayList<>(2);
        for (StunAttribute a : attributes) {
            if (kind.isInstance(a)) {
                found.add(kind.cast(a));
            }
        }
        return found;
    }

    public boolean has(Class<? extends StunAttribute> kind) {
        return first(kind).isPresent();
    }

    public boolean isRequest() {
        return messageClass == StunClass.REQUEST;
    }

    public boolean isIndication() {
        return messageClass == StunClass.INDICATION;
    }
}
