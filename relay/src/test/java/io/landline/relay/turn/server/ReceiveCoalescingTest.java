package io.landline.relay.turn.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiveCoalescingTest {

    private static final long PAUSE = 100_000;

    private long now;
    private final List<Long> pauses = new ArrayList<>();
    private int readyAfterPause;
    private int selectNowCalls;
    private ReceiveCoalescing strategy;

    @BeforeEach
    void setUp() {
        strategy = new ReceiveCoalescing(PAUSE, nanos -> {
            pauses.add(nanos);
            now += nanos;
        }, () -> now);
    }

    private int round(boolean hasTasks) throws Exception {
        return strategy.calculateStrategy(() -> {
            selectNowCalls++;
            return readyAfterPause;
        }, hasTasks);
    }

    @Test
    void aFreshLoopBlocksWithoutPausing() throws Exception {
        assertThat(round(false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(pauses).isEmpty();
    }

    @Test
    void sparseTrafficBlocksAtOnceWithoutPausing() throws Exception {
        round(false);
        now += 5_000_000; // the last blocking wait lasted 5 ms
        assertThat(round(false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(pauses).isEmpty();
        assertThat(selectNowCalls).isZero();
    }

    @Test
    void aShortBlockingWaitStartsPausingAndDatagramsAfterThePauseAreHandedOn() throws Exception {
        round(false);
        now += 20_000; // woken 20 µs after blocking: dense
        readyAfterPause = 3;
        assertThat(round(false)).isEqualTo(3);
        assertThat(pauses).containsExactly(PAUSE);
    }

    @Test
    void densityLastsWhilePausesBringDatagrams() throws Exception {
        round(false);
        now += 20_000;
        readyAfterPause = 2;
        round(false);
        now += 5_000_000; // however long the handling took, the last pause brought datagrams
        assertThat(round(false)).isEqualTo(2);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void aPauseThatBringsNothingBlocksAgain() throws Exception {
        round(false);
        now += 20_000;
        readyAfterPause = 0;
        assertThat(round(false)).isEqualTo(SelectStrategy.SELECT);
        now += 5_000_000;
        assertThat(round(false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(pauses).hasSize(1);
    }

    @Test
    void queuedTasksAreRunWithoutAPause() throws Exception {
        now += 20_000;
        readyAfterPause = 4;
        assertThat(round(true)).isEqualTo(4);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aReadThatFilledItsBatchSkipsTheNextPauseOnly() throws Exception {
        round(false);
        now += 20_000;
        readyAfterPause = 1;
        round(false);
        ReceiveCoalescing.backlogged();
        round(false);
        assertThat(pauses).hasSize(1);
        round(false);
        assertThat(pauses).hasSize(2);
    }
}
