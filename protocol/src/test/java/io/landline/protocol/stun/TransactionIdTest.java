package io.landline.protocol.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionIdTest {

    @Test
    void twelveBytesRoundTripThroughBytesBuffersAndHex() {
        byte[] bytes = Hex.bytes("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");
        TransactionId id = TransactionId.of(bytes);
        assertThat(id.toBytes()).isEqualTo(bytes);
        assertThat(id.toString()).isEqualTo("b7e7a701bc34d686fa87dfae");
        assertThat(TransactionId.read(Unpooled.wrappedBuffer(bytes), 0)).isEqualTo(id);
        var out = Unpooled.buffer();
        id.writeTo(out);
        assertThat(Hex.toArray(out)).isEqualTo(bytes);
    }

    @Test
    void equalIdsFindTheSameMapEntry() {
        Map<TransactionId, String> cache = new HashMap<>();
        TransactionId id = TransactionId.random(new SecureRandom());
        cache.put(id, "response");
        assertThat(cache.get(TransactionId.of(id.toBytes()))).isEqualTo("response");
    }

    @Test
    void onlyTwelveBytesAreAnId() {
        assertThatThrownBy(() -> TransactionId.of(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
