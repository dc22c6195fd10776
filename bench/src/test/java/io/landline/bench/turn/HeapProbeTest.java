package io.landline.bench.turn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapProbeTest {

    @Test
    void usedHeapIsReadFromG1sHeapInfo() {
        String info = "12345:\n garbage-first heap   total 262144K, used 23456K [0x00000006, 0x00000007)\n"
                + "  region size 2048K, 3 young (6144K), 0 survivors (0K)\n";
        assertThat(HeapProbe.usedKib(info)).isEqualTo(23456);
    }

    @Test
    void outputWithoutAHeapLineGivesMinusOne() {
        assertThat(HeapProbe.usedKib("12345:\nCommand executed successfully\n")).isEqualTo(-1);
    }

    @Test
    void aProcessThatIsNoJvmGivesMinusOne() {
        assertThat(HeapProbe.liveHeapKib(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
