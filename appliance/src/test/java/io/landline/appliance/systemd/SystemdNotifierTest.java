package io.landline.appliance.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdNotifierTest {

    @TempDir
    Path dir;

    @Test
    void readyStoppingAndWatchdogReachTheNotifySocket() {
        try (NotifySocket socket = new NotifySocket(dir.resolve("notify.sock"));
             SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.path().toString()))) {
            assertThat(notifier.enabled()).isTrue();
            notifier.ready("ready in 1 ms");
            notifier.watchdog();
            notifier.stopping("draining");
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.lines().contains("STOPPING=1"));
            assertThat(socket.lines()).containsSubsequence("READY=1", "STATUS=ready in 1 ms", "WATCHDOG=1", "STOPPING=1", "STATUS=draining");
        }
    }

    @Test
    void withoutNotifySocketEveryCallIsANoOp() {
        try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of())) {
            assertThat(notifier.enabled()).isFalse();
            notifier.ready("x");
            notifier.stopping("y");
            assertThat(notifier.watchdogInterval()).isEmpty();
        }
    }

    @Test
    void watchdogIntervalIsHalfOfWatchdogUsecForThisProcessOnly() {
        String self = Long.toString(ProcessHandle.current().pid());
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"))).contains(Duration.ofSeconds(15));
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", self))).contains(Duration.ofSeconds(15));
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1"))).isEmpty();
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "banana"))).isEmpty();
        assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "-5"))).isEmpty();
    }
}
