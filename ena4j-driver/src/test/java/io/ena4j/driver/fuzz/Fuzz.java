package io.ena4j.driver.fuzz;

/**
 * Property checks for fuzz targets: cheap on success (no message is built, nothing allocates), an
 * {@link AssertionError} naming the property on failure, which Jazzer reports as a finding.
 */
public final class Fuzz {

    private Fuzz() {
    }

    public static void check(boolean ok, String property) {
        if (!ok) {
            throw new AssertionError(property);
        }
    }

    public static void check(boolean ok, String format, long a) {
        if (!ok) {
            throw new AssertionError(String.format(format, a));
        }
    }

    public static void check(boolean ok, String format, long a, long b) {
        if (!ok) {
            throw new AssertionError(String.format(format, a, b));
        }
    }

    public static void check(boolean ok, String format, long a, long b, long c) {
        if (!ok) {
            throw new AssertionError(String.format(format, a, b, c));
        }
    }

    /** Phase a producer writes (and a consumer expects) at free-running index {@code n} of a ring (starts 1). */
    public static int phaseAt(long n, int depth) {
        return ((n / depth) & 1) == 0 ? 1 : 0;
    }
}
