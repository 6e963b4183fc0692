package io.ena4j.driver.com;

import io.ena4j.platform.Clock;

/**
 * The exponential poll back-off of the reference layer, used between admin-completion polls and reset-state
 * polls (management.md §5.3, §6.6):
 * {@code delay = min(maxDelay, max(100, minDelay) << min(exp, maxExp))} µs, {@code exp} incremented per sleep.
 *
 * <p>The reference sleeps "between {@code delay} and {@code 2 × delay}" ({@code usleep_range}); that range is
 * timer slack for the kernel, not jitter the protocol needs, so we sleep exactly {@code delay}: deterministic on a
 * {@link io.ena4j.platform.ManualClock}, and never shorter than the reference.
 *
 * <p>One instance per wait; not thread-safe.
 */
public final class PollBackoff {

    /** Lower bound of every delay, {@code ENA_MIN_ADMIN_POLL_US} (management.md §14: 100 µs). */
    public static final int FLOOR_US = 100;

    private final Clock clock;
    private final int minDelayUs;
    private final int maxDelayUs;
    private final int maxExp;
    private int exp;

    /** A back-off sleeping on {@code clock} with the delays of {@code config}. */
    public PollBackoff(Clock clock, EnaComConfig config) {
        this.clock = clock;
        this.minDelayUs = config.pollMinDelayUs();
        this.maxDelayUs = config.pollMaxDelayUs();
        this.maxExp = config.pollMaxExp();
    }

    /**
     * The delay in µs for attempt {@code exp} (0-based), per the formula of management.md §5.3.
     *
     * @throws IllegalArgumentException if {@code exp} is negative
     */
    public static long delayUs(int exp, int minDelayUs, int maxDelayUs, int maxExp) {
        if (exp < 0) {
            throw new IllegalArgumentException("back-off exponent = " + exp + " is out of range: accepted 0.."
                    + Integer.MAX_VALUE);
        }
        long base = Math.max(FLOOR_US, minDelayUs);
        int e = Math.min(exp, maxExp);
        return Math.min(maxDelayUs, base << e); // e <= 16 and base <= 2^20: no overflow in a long
    }

    /** The delay the next {@link #sleep()} will use, in µs; advances the exponent. */
    public long nextDelayUs() {
        long d = delayUs(exp, minDelayUs, maxDelayUs, maxExp);
        if (exp < Integer.MAX_VALUE) {
            exp++;
        }
        return d;
    }

    /** Sleeps on the clock for the next delay. */
    public void sleep() {
        clock.sleepMicros(nextDelayUs());
    }

    /** Number of delays taken so far. */
    public int attempts() {
        return exp;
    }

    /** Starts again from exponent 0. */
    public void reset() {
        exp = 0;
    }
}
