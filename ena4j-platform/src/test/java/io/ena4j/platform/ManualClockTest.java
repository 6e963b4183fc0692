package io.ena4j.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void sleepAdvancesVirtualTimeAndRunsTickers() {
        ManualClock clock = new ManualClock(1000);
        AtomicInteger ticks = new AtomicInteger();
        Runnable t = ticks::incrementAndGet;
        clock.addTicker(t);
        clock.sleepNanos(500);
        clock.sleepMicros(2);
        assertThat(clock.nanoTime()).isEqualTo(1000 + 500 + 2000);
        assertThat(ticks.get()).isEqualTo(2);
        clock.advanceInSteps(10_000, 3_000);
        assertThat(ticks.get()).isEqualTo(6);
        assertThat(clock.nanoTime()).isEqualTo(13_500);
        clock.removeTicker(t);
        clock.advance(1);
        assertThat(ticks.get()).isEqualTo(6);
        assertThatThrownBy(() -> clock.advance(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroSleepStillMovesTimeSoPollingLoopsTerminate() {
        ManualClock clock = new ManualClock();
        clock.sleepNanos(0);
        assertThat(clock.nanoTime()).isEqualTo(1);
    }

    @Test
    void systemClockIsMonotonic() {
        long a = SystemClock.INSTANCE.nanoTime();
        SystemClock.INSTANCE.sleepNanos(1000);
        assertThat(SystemClock.INSTANCE.nanoTime()).isGreaterThan(a);
    }
}
