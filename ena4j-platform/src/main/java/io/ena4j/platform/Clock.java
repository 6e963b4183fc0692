package io.ena4j.platform;

/**
 * Time source for everything that waits or times out: admin command timeouts, readless-read
 * timeouts, reset handshakes, keep-alive periods, watchdogs.
 *
 * <p>Production code uses {@link SystemClock}; tests use {@link ManualClock}, where a sleep advances
 * virtual time instantly, so no test ever waits out a real timeout.
 */
public interface Clock {

    /** Monotonic time in nanoseconds (arbitrary origin). */
    long nanoTime();

    /**
     * Gives up the CPU for about {@code nanos} nanoseconds. On a {@link ManualClock} this advances
     * virtual time by exactly {@code nanos} and returns at once.
     */
    void sleepNanos(long nanos);

    /**
     * True if time moves only when a caller moves it (a test's {@link ManualClock}): then nothing may sleep on
     * it in the background, and periodic work runs in the caller's own duty cycle.
     */
    default boolean isVirtual() {
        return false;
    }

    /** Microsecond convenience over {@link #sleepNanos(long)}. */
    default void sleepMicros(long micros) {
        sleepNanos(micros * 1_000L);
    }
}
