package io.ena4j.model;

/**
 * Argument validation for model configuration: one clear message naming the value and the accepted range, so a bad
 * profile fails at construction instead of producing a device that misbehaves later.
 */
final class Check {

    private Check() {
    }

    /** Requires {@code lo <= value <= hi}. */
    static int range(String what, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(what + " = " + value + " is out of range [" + lo + ", " + hi + "]");
        }
        return value;
    }

    /** Requires {@code lo <= value <= hi}. */
    static long range(String what, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(what + " = " + value + " is out of range [" + lo + ", " + hi + "]");
        }
        return value;
    }

    /** Requires a value that fits in {@code bits} unsigned bits. */
    static int unsigned(String what, int value, int bits) {
        return range(what, value, 0, bits >= 31 ? Integer.MAX_VALUE : (1 << bits) - 1);
    }

    /** Requires {@code (value & ~allowed) == 0}. */
    static int subset(String what, int value, int allowed) {
        if ((value & ~allowed) != 0) {
            throw new IllegalArgumentException(what + " = 0x" + Integer.toHexString(value)
                    + " has bits outside the accepted mask 0x" + Integer.toHexString(allowed));
        }
        return value;
    }

    /** Requires {@code (value & ~allowed) == 0}. */
    static long subset(String what, long value, long allowed) {
        if ((value & ~allowed) != 0) {
            throw new IllegalArgumentException(what + " = 0x" + Long.toHexString(value)
                    + " has bits outside the accepted mask 0x" + Long.toHexString(allowed));
        }
        return value;
    }

    /** Requires a multiple of {@code alignment}. */
    static int aligned(String what, int value, int alignment) {
        if (value % alignment != 0) {
            throw new IllegalArgumentException(what + " = 0x" + Integer.toHexString(value) + " must be a multiple of "
                    + alignment);
        }
        return value;
    }

    /** Requires a power of two within {@code [lo, hi]}. */
    static int powerOfTwo(String what, int value, int lo, int hi) {
        if (value < lo || value > hi || Integer.bitCount(value) != 1) {
            throw new IllegalArgumentException(what + " = " + value + " must be a power of two in [" + lo + ", " + hi
                    + "]");
        }
        return value;
    }

    /** True if {@code v} is a power of two (and positive). */
    static boolean isPowerOfTwo(int v) {
        return v > 0 && (v & (v - 1)) == 0;
    }

    /** Smallest power of two ≥ {@code v} (v ≥ 1, result ≤ 2^30). */
    static long ceilPowerOfTwo(long v) {
        return v <= 1 ? 1 : Long.highestOneBit(v - 1) << 1;
    }
}
