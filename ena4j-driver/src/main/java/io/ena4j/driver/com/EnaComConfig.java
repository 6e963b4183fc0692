package io.ena4j.driver.com;

import io.ena4j.spec.regs.EnaRegs;

/**
 * Timeouts and poll back-off knobs of the communication layer, with the reference driver's defaults
 * (management.md §14) and range validation.
 *
 * <p>Every value is validated when the record is built: a value outside its range is rejected with an
 * {@link IllegalArgumentException} naming the knob, the value and the accepted range. Instances are immutable; use
 * {@link #defaults()} and the {@code with*} methods.
 *
 * <p>The admin timeout and the readless timeout given here are only the starting values: a device reset replaces
 * the admin timeout from {@code CAPS.ADMIN_CMD_TO} (§5.3 step 9) and HW hints replace both (§8.6), at run time,
 * on the {@link AdminQueue} and {@link EnaMmio} themselves.
 *
 * @param adminTimeoutUs     admin command completion timeout in µs before the first reset (§6.6, §14: 3 s)
 * @param readlessTimeoutUs  readless register-read timeout in µs, polled every 1 µs (§4.3, §14: 200 ms)
 * @param pollMinDelayUs     {@code min_delay} of the poll back-off of §5.3 (Linux: 5000 µs, so every sleep is 5 ms)
 * @param pollMaxDelayUs     upper bound of one back-off sleep (§5.3, §14: 5000 µs)
 * @param pollMaxExp         largest back-off exponent (§5.3, §14: 16)
 * @param interruptRecheckUs in interrupt mode, how long an admin waiter sleeps before it re-checks its command
 *                           when no wake-up arrives (our choice, not in the spec: the waiter is normally woken by the
 *                           management interrupt; the re-check only bounds the cost of a lost wake-up and makes
 *                           {@link io.ena4j.platform.ManualClock} tests step through virtual time)
 */
public record EnaComConfig(long adminTimeoutUs, long readlessTimeoutUs, int pollMinDelayUs, int pollMaxDelayUs,
                           int pollMaxExp, long interruptRecheckUs) {

    /** Default admin completion timeout: 3 000 000 µs (management.md §14). */
    public static final long ADMIN_TIMEOUT_US_DEFAULT = EnaRegs.ADMIN_TIMEOUT_US_DEFAULT;
    /** Largest accepted admin timeout: 10 minutes (our bound; the hint maximum is 65.5 s). */
    public static final long ADMIN_TIMEOUT_US_MAX = 600_000_000L;
    /** Default readless timeout: 200 000 µs (management.md §4.3, §14). */
    public static final long READLESS_TIMEOUT_US_DEFAULT = EnaRegs.READLESS_TIMEOUT_US_DEFAULT;
    /** Largest accepted readless timeout: the largest HW hint, 0xFFFF ms (management.md §8.6). */
    public static final long READLESS_TIMEOUT_US_MAX = 0xFFFFL * 1000L;
    /** Default back-off minimum delay: 5000 µs, the Linux driver's value (management.md §5.3). */
    public static final int POLL_MIN_DELAY_US_DEFAULT = 5000;
    /** Default back-off maximum delay: 5000 µs (management.md §5.3, §14). */
    public static final int POLL_MAX_DELAY_US_DEFAULT = 5000;
    /** Largest accepted back-off delay bound: 1 s (our bound). */
    public static final int POLL_DELAY_US_LIMIT = 1_000_000;
    /** Default and largest back-off exponent: 16 (management.md §5.3). */
    public static final int POLL_MAX_EXP_DEFAULT = 16;
    /** Default interrupt-mode re-check period: 1000 µs (our choice, see the record description). */
    public static final long INTERRUPT_RECHECK_US_DEFAULT = 1000;

    private static final EnaComConfig DEFAULTS = new EnaComConfig(ADMIN_TIMEOUT_US_DEFAULT,
            READLESS_TIMEOUT_US_DEFAULT, POLL_MIN_DELAY_US_DEFAULT, POLL_MAX_DELAY_US_DEFAULT, POLL_MAX_EXP_DEFAULT,
            INTERRUPT_RECHECK_US_DEFAULT);

    /** Validates every component (see the constants for the ranges). */
    public EnaComConfig {
        checkRange("adminTimeoutUs", adminTimeoutUs, 1, ADMIN_TIMEOUT_US_MAX);
        checkRange("readlessTimeoutUs", readlessTimeoutUs, 1, READLESS_TIMEOUT_US_MAX);
        checkRange("pollMaxDelayUs", pollMaxDelayUs, PollBackoff.FLOOR_US, POLL_DELAY_US_LIMIT);
        checkRange("pollMinDelayUs", pollMinDelayUs, 1, pollMaxDelayUs);
        checkRange("pollMaxExp", pollMaxExp, 0, POLL_MAX_EXP_DEFAULT);
        checkRange("interruptRecheckUs", interruptRecheckUs, 1, POLL_DELAY_US_LIMIT);
    }

    /** The reference driver's values (management.md §14). */
    public static EnaComConfig defaults() {
        return DEFAULTS;
    }

    /** A copy with {@code adminTimeoutUs} replaced. */
    public EnaComConfig withAdminTimeoutUs(long v) {
        return new EnaComConfig(v, readlessTimeoutUs, pollMinDelayUs, pollMaxDelayUs, pollMaxExp, interruptRecheckUs);
    }

    /** A copy with {@code readlessTimeoutUs} replaced. */
    public EnaComConfig withReadlessTimeoutUs(long v) {
        return new EnaComConfig(adminTimeoutUs, v, pollMinDelayUs, pollMaxDelayUs, pollMaxExp, interruptRecheckUs);
    }

    /** A copy with {@code pollMinDelayUs} replaced. */
    public EnaComConfig withPollMinDelayUs(int v) {
        return new EnaComConfig(adminTimeoutUs, readlessTimeoutUs, v, pollMaxDelayUs, pollMaxExp, interruptRecheckUs);
    }

    /** A copy with {@code pollMaxDelayUs} replaced. */
    public EnaComConfig withPollMaxDelayUs(int v) {
        return new EnaComConfig(adminTimeoutUs, readlessTimeoutUs, pollMinDelayUs, v, pollMaxExp, interruptRecheckUs);
    }

    /** A copy with {@code pollMaxExp} replaced. */
    public EnaComConfig withPollMaxExp(int v) {
        return new EnaComConfig(adminTimeoutUs, readlessTimeoutUs, pollMinDelayUs, pollMaxDelayUs, v,
                interruptRecheckUs);
    }

    /** A copy with {@code interruptRecheckUs} replaced. */
    public EnaComConfig withInterruptRecheckUs(long v) {
        return new EnaComConfig(adminTimeoutUs, readlessTimeoutUs, pollMinDelayUs, pollMaxDelayUs, pollMaxExp, v);
    }

    static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: accepted " + min + ".." + max);
        }
    }
}
