package io.ena4j.driver;

/**
 * The driver's knobs: the equivalents of the Linux driver's module parameters and of the ethtool settings that
 * apply at probe time. Immutable; {@code with*} returns a changed copy and rejects a value out of range with one
 * message naming the value and the accepted range. The command-line tools only map flags onto this class.
 *
 * @param llqPolicy        Tx descriptor placement policy (the {@code force_large_llq_header} module parameter and
 *                         the "decline LLQ" choice)
 * @param numIoQueues      queue pairs to open by default ({@link EnaDevice#defaultIoQueues()}), clamped at probe to what
 *                         the device and host allow; 0 = all of them (module parameter
 *                         {@code num_io_queues}); range 0..128
 * @param txRingSize       Tx ring size requested, 256..16384 (clamped to the device maximum and rounded down to a
 *                         power of two, as {@code ethtool -G}); default 1024 (512 with large LLQ)
 * @param rxRingSize       Rx ring size requested, 256..16384; default 1024
 * @param adminPollingOnly keep admin completions in polling mode after probe (no management interrupt); the Linux
 *                         driver always switches to interrupt mode
 * @param serviceTimer     who runs the 1-second health monitor and reset worker ({@link ServiceTimer})
 * @param phcEnable        use the device's PTP hardware clock when it offers one (module parameter
 *                         {@code phc_enable}, default off as in Linux); {@link EnaDevice#phc()}
 */
public record DriverConfig(LlqPolicy llqPolicy, int numIoQueues, int txRingSize, int rxRingSize,
                           boolean adminPollingOnly, ServiceTimerMode serviceTimer, boolean phcEnable) {

    /** Who runs the {@link ServiceTimer}. */
    public enum ServiceTimerMode {
        /** A driver-owned thread on a real clock; the application's duty cycle on a virtual (test) clock. */
        AUTO,
        /** A driver-owned daemon thread, started at probe and stopped at close. */
        THREAD,
        /** The application calls {@link EnaDevice#serviceTimer()}{@code .doWork()} from its own loop. */
        APPLICATION
    }

    /** Tx descriptor placement policy (datapath.md §9). */
    public enum LlqPolicy {
        /** LLQ when the device offers it, entry size as the device recommends. */
        AUTO,
        /** LLQ with 256-byte entries when supported (224-byte Tx headers). */
        LARGE,
        /** Never LLQ: Tx descriptors in host memory. */
        DISABLED
    }

    /** Maximum queue pairs the driver manages (management.md §14). */
    public static final int MAX_IO_QUEUES = 128;
    /** Smallest ring the driver accepts (management.md §14). */
    public static final int MIN_RING_SIZE = 256;
    /** Largest ring size a user may request. */
    public static final int MAX_RING_SIZE = 16384;
    /** Default ring size (management.md §14). */
    public static final int DEFAULT_RING_SIZE = 1024;

    /** Validates every field. */
    public DriverConfig {
        if (llqPolicy == null) {
            throw new IllegalArgumentException("llqPolicy must be one of AUTO, LARGE, DISABLED, got null");
        }
        if (serviceTimer == null) {
            throw new IllegalArgumentException("serviceTimer must be one of AUTO, THREAD, APPLICATION, got null");
        }
        check("numIoQueues", numIoQueues, 0, MAX_IO_QUEUES);
        check("txRingSize", txRingSize, MIN_RING_SIZE, MAX_RING_SIZE);
        check("rxRingSize", rxRingSize, MIN_RING_SIZE, MAX_RING_SIZE);
    }

    /** The defaults of the Linux driver. */
    public static DriverConfig defaults() {
        return new DriverConfig(LlqPolicy.AUTO, 0, DEFAULT_RING_SIZE, DEFAULT_RING_SIZE, false, ServiceTimerMode.AUTO,
                false);
    }

    /** A copy with {@code policy}. */
    public DriverConfig withLlqPolicy(LlqPolicy policy) {
        return new DriverConfig(policy, numIoQueues, txRingSize, rxRingSize, adminPollingOnly, serviceTimer, phcEnable);
    }

    /** A copy with {@code n} queue pairs (0 = maximum). */
    public DriverConfig withNumIoQueues(int n) {
        return new DriverConfig(llqPolicy, n, txRingSize, rxRingSize, adminPollingOnly, serviceTimer, phcEnable);
    }

    /** A copy with these ring sizes. */
    public DriverConfig withRingSizes(int tx, int rx) {
        return new DriverConfig(llqPolicy, numIoQueues, tx, rx, adminPollingOnly, serviceTimer, phcEnable);
    }

    /** A copy that keeps the admin queue in polling mode. */
    public DriverConfig withAdminPollingOnly(boolean polling) {
        return new DriverConfig(llqPolicy, numIoQueues, txRingSize, rxRingSize, polling, serviceTimer, phcEnable);
    }

    /** A copy with the service timer run by {@code mode}. */
    public DriverConfig withServiceTimer(ServiceTimerMode mode) {
        return new DriverConfig(llqPolicy, numIoQueues, txRingSize, rxRingSize, adminPollingOnly, mode, phcEnable);
    }

    /** A copy with the PTP hardware clock enabled or not ({@code phc_enable}). */
    public DriverConfig withPhcEnable(boolean enable) {
        return new DriverConfig(llqPolicy, numIoQueues, txRingSize, rxRingSize, adminPollingOnly, serviceTimer, enable);
    }

    private static void check(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " " + v + " is out of range: accepted " + min + ".." + max);
        }
    }
}
