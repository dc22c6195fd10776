package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApnsIdsTest {

    @Test
    void idsAreVersion7WithTheMillisecondOnTop() {
        UUID id = new ApnsIds(() -> 0x0123_4567_89ABL).next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562 variant 10xx
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(0x0123_4567_89ABL);
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnes() {
        long[] now = {1_700_000_000_000L};
        ApnsIds ids = new ApnsIds(() -> now[0]);
        UUID earlier = ids.next();
        now[0]++;
        UUID later = ids.next();
        // the canonical text (what the receipt API and the store index) sorts the same way
        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }

    @Test
    void idsOfOneMillisecondDiffer() {
        ApnsIds ids = new ApnsIds(() -> 42L);
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.next())).isTrue();
        }
    }
}
