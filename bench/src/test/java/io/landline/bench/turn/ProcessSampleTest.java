package io.landline.bench.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessSampleTest {

    @Test
    void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        // a command name may hold spaces and parentheses: "(my) (server)"
        String stat = "4242 ((my) (server)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 6 0 100 0 0";
        assertThat(ProcessSample.cpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void rssIsTheVmRssLineInKibibytes() {
        String status = "Name:\tturnserver\nVmPeak:\t  500000 kB\nVmRSS:\t   14620 kB\nThreads:\t6\n";
        assertThat(ProcessSample.rssKib(status)).isEqualTo(14620);
    }

    @Test
    void statusWithoutVmRssIsRefused() {
        assertThatThrownBy(() -> ProcessSample.rssKib("Name:\tkthreadd\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessSample.cpuTicks("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisProcessHasCpuTimeAndResidentMemory() {
        ProcessSample self = ProcessSample.of(ProcessHandle.current().pid());
        assertThat(self.cpuTicks()).isPositive();
        assertThat(self.rssKib()).isGreaterThan(1024);
    }
}
