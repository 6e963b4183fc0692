package io.ena4j.driver.com;

import io.ena4j.platform.Clock;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;

/**
 * The device reset handshake of management.md §5.3, exactly as the reference layer performs it
 * ({@code ena_com_dev_reset}):
 *
 * <ol>
 *   <li>read DEV_STS and CAPS; either {@code 0xFFFFFFFF} → {@link EnaErrno#ETIME};</li>
 *   <li>DEV_STS.READY = 0 → {@link EnaErrno#EINVAL} ("device not ready");</li>
 *   <li>{@code T = CAPS.RESET_TIMEOUT}; 0 → {@link EnaErrno#EINVAL};</li>
 *   <li>write DEV_CTL with the reset value of §5.2 (extended reason bits only if the device has
 *       EXTENDED_RESET_REASONS, else reasons ≥ 16 fall back to GENERIC);</li>
 *   <li>write MMIO_RESP_LO/HI again ({@link EnaMmio#rearm()});</li>
 *   <li>poll DEV_STS until RESET_IN_PROGRESS = 1, for at most {@code T × 100 ms};</li>
 *   <li>write DEV_CTL = 0;</li>
 *   <li>poll DEV_STS until RESET_IN_PROGRESS = 0, same deadline rule;</li>
 *   <li>admin timeout := {@code CAPS.ADMIN_CMD_TO × 100 ms}, or 3 s if that field is 0
 *       ({@link #adminTimeoutUs()}).</li>
 * </ol>
 *
 * <p>Each poll reads first, then checks the deadline, then sleeps with the {@link PollBackoff} of §5.3 on the
 * {@link Clock}; a failed register read while polling fails the reset at once with {@code ETIME}. A phase that
 * misses its deadline returns {@code ETIME} and leaves DEV_CTL as it was (as the reference does).
 *
 * <p>Not thread-safe: one reset at a time, called by the owner of the device ({@link EnaComDevice}).
 */
public final class DeviceReset {

    private final EnaMmio mmio;
    private final Clock clock;
    private final EnaComConfig config;
    private long adminTimeoutUs = -1;
    private int lastCaps = EnaRegs.READ_FAILED;

    /** Resets through {@code mmio}, polling with the back-off of {@code config} on {@code clock}. */
    public DeviceReset(EnaMmio mmio, Clock clock, EnaComConfig config) {
        this.mmio = mmio;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Resets the device with {@code reason}.
     *
     * @param extendedReasons whether the device advertised capability bit 3, EXTENDED_RESET_REASONS (§8.2)
     * @return 0, {@link EnaErrno#ETIME} (register read failed or a phase timed out) or {@link EnaErrno#EINVAL}
     *         (device not ready, or CAPS.RESET_TIMEOUT = 0)
     */
    public int reset(ResetReason reason, boolean extendedReasons) {
        int stat = mmio.read32(EnaRegs.DEV_STS_OFF);
        int caps = mmio.read32(EnaRegs.CAPS_OFF);
        if (stat == EnaRegs.READ_FAILED || caps == EnaRegs.READ_FAILED) {
            return EnaErrno.ETIME;
        }
        lastCaps = caps;
        if ((stat & EnaRegs.DEV_STS_READY_MASK) == 0) {
            return EnaErrno.EINVAL;
        }
        int timeout = EnaRegs.capsResetTimeout(caps);
        if (timeout == 0) {
            return EnaErrno.EINVAL;
        }
        mmio.write32(EnaRegs.DEV_CTL_OFF, EnaRegs.devCtlResetValue(reason.code(), extendedReasons));
        mmio.rearm();
        int rc = waitForResetState(timeout, EnaRegs.DEV_STS_RESET_IN_PROGRESS_MASK);
        if (rc != 0) {
            return rc;
        }
        mmio.write32(EnaRegs.DEV_CTL_OFF, 0);
        rc = waitForResetState(timeout, 0);
        if (rc != 0) {
            return rc;
        }
        adminTimeoutUs = EnaRegs.capsAdminTimeoutUs(caps);
        return EnaErrno.OK;
    }

    /** Admin completion timeout in µs learned by the last successful reset (§5.3 step 9), or -1 before one. */
    public long adminTimeoutUs() {
        return adminTimeoutUs;
    }

    /** CAPS as read by the last reset that got that far, or {@code 0xFFFFFFFF}. */
    public int lastCaps() {
        return lastCaps;
    }

    /**
     * Polls DEV_STS until {@code RESET_IN_PROGRESS == expected}; deadline {@code timeout × 100 ms} from now.
     * Like the reference, the state is checked once more after the deadline has passed before giving up.
     */
    private int waitForResetState(int timeout, int expected) {
        long deadline = clock.nanoTime() + (long) timeout * EnaRegs.CAPS_TIMEOUT_UNIT_US * 1_000L;
        PollBackoff backoff = new PollBackoff(clock, config);
        while (true) {
            int val = mmio.read32(EnaRegs.DEV_STS_OFF);
            if (val == EnaRegs.READ_FAILED) {
                return EnaErrno.ETIME;
            }
            if ((val & EnaRegs.DEV_STS_RESET_IN_PROGRESS_MASK) == expected) {
                return EnaErrno.OK;
            }
            if (clock.nanoTime() - deadline > 0) {
                return EnaErrno.ETIME;
            }
            backoff.sleep();
        }
    }
}
