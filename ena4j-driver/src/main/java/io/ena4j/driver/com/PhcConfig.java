package io.ena4j.driver.com;

/**
 * The PHC configuration in force after {@link EnaAdmin#configurePhc} (management.md §8.18, §10.1): the
 * device's doorbell and timeouts with the driver defaults applied and {@code expire ≤ block} enforced.
 *
 * @param doorbellOffset    BAR 0 offset of the PHC doorbell (validated: aligned, inside BAR 0)
 * @param expireTimeoutUsec longest wait for one PHC read
 * @param blockTimeoutUsec  period during which requests are refused after an expired or failed one
 */
public record PhcConfig(int doorbellOffset, long expireTimeoutUsec, long blockTimeoutUsec) {

    /** Driver default when the device reports 0: 10 µs (§10.1). */
    public static final long DEFAULT_EXPIRE_TIMEOUT_USEC = 10;
    /** Driver default when the device reports 0: 1000 µs (§10.1). */
    public static final long DEFAULT_BLOCK_TIMEOUT_USEC = 1000;
    /** The only PHC version the driver accepts: 0, readless mode with error bound (§8.18). */
    public static final int SUPPORTED_VERSION = 0;
    /** Size of the shared response buffer the driver registers (§10.2). */
    public static final int SHARED_BUFFER_SIZE = 64;
}
