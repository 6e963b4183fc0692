package io.ena4j.driver;

import io.ena4j.driver.com.EnaComDevice;
import io.ena4j.driver.com.EnaComException;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;
import java.util.Arrays;

/**
 * Device reset and restore (the Linux driver's {@code ena_destroy_device} / {@code ena_restore_device}, run by its
 * reset worker; management.md §13.5), and removal ({@code ena_remove}, §13.6). Every method runs under the
 * {@link EnaDevice}'s monitor; listener calls are recorded and delivered by the caller once it released the monitor.
 *
 * <p>A reset is transparent to the application: the queue pairs' gates close (their calls return 0), the device is
 * reset with the reason written to DEV_CTL and torn down, buffers in flight go back to their pools (counted in
 * {@code tx_dropped_on_reset}), posted Rx buffers too; the probe sequence runs again, must find the same MAC and a max
 * MTU not below the MTU in use, and the same {@link QueuePair} objects are bound to new rings with the same count,
 * modes and pools, refilled, and opened. Listeners see {@code RESET_STARTED}, then {@code RESET_DONE} or
 * {@code RESET_FAILED}.
 *
 * <p>A restore that fails resets the device with DRIVER_INVALID_STATE (8) and frees everything, as the reference
 * does; unlike the reference, which leaves the device stopped at the first failure, the service timer tries the
 * restore again on its next ticks, since the faults that make a restore fail (a reset handshake stuck, an admin
 * queue that does not answer) are often transient. After {@link #MAX_RESTORE_ATTEMPTS} failures in a row the device
 * is marked down for good with a message naming the last error; the application's queue calls keep returning 0.
 */
final class ResetController {

    /** Restores tried in a row before the device is given up. */
    static final int MAX_RESTORE_ATTEMPTS = 5;

    private final EnaAdapter a;
    private final DeviceProbe probe;
    private final QueueSetup queues;
    private int failedAttempts;
    /** True between a failed restore and the next successful one: the device is torn down, the queues closed. */
    private boolean restorePending;
    private ResetReason lastReason = ResetReason.NORMAL;
    private long resetStartNanos;
    private long lastRecoveryNanos = -1;
    private byte[] mac;
    private int mtuInUse;
    private boolean wasUp;
    /**
     * The restore in progress completes a {@link #reinit}, not a reset: it is neither announced to listeners nor
     * timed as a recovery. Cleared when that restore ends; should it fail, the retries are ordinary recovery.
     */
    private boolean reinitializing;

    ResetController(EnaAdapter a, DeviceProbe probe, QueueSetup queues) {
        this.a = a;
        this.probe = probe;
        this.queues = queues;
    }

    /**
     * Resets the device with {@code reason} and brings it back (§13.5).
     *
     * @return true if the device runs again; false if the restore failed (retried by {@link #retryRestore}, or the
     *         device is down for good after {@link #MAX_RESTORE_ATTEMPTS})
     */
    boolean resetAndRestore(ResetReason reason) {
        if (a.closed) {
            return false;
        }
        if (restorePending) {
            return retryRestore();
        }
        lastReason = reason;
        resetStartNanos = a.clock.nanoTime();
        a.totalResets++;
        a.resetsByReason[reason.code() & 31]++;
        a.logger().warn("{}: resetting the device, reason {}", a.fn.address(), reason.label());
        String label = reason.label();
        a.post(l -> l.reset(EnaEventListener.ResetPhase.RESET_STARTED, label, ""));
        mac = a.features.attributes().mac();
        mtuInUse = a.mtu;
        wasUp = a.pairs.length > 0;
        destroy(reason);
        return restore();
    }

    /**
     * Re-initializes the device to apply a setting that needs a new negotiation (the large LLQ header, datapath.md
     * §9.6): the destroy and restore of §13.5 with reason NORMAL, as the Linux driver's {@code ena_destroy_device} +
     * {@code ena_restore_device} from {@code ena_set_ringparam}. Not counted in {@code total_resets} (Linux counts
     * only the reset worker's resets) and not announced to listeners as a reset phase (no reset took place from the
     * application's point of view: the same queues run with the new setting); a failed restore is retried by the
     * service timer as any other, and those retries are announced.
     *
     * @return true if the device runs again
     */
    boolean reinit() {
        if (a.closed || restorePending) {
            return false;
        }
        lastReason = ResetReason.NORMAL;
        resetStartNanos = a.clock.nanoTime();
        mac = a.features.attributes().mac();
        mtuInUse = a.mtu;
        wasUp = a.pairs.length > 0;
        destroy(ResetReason.NORMAL);
        reinitializing = true;
        try {
            return restore();
        } finally {
            reinitializing = false;
        }
    }

    /** True while a failed restore waits for its next attempt. */
    boolean restorePending() {
        return restorePending;
    }

    /** Virtual-clock nanoseconds the last successful reset took, from its start to the queues open; -1 if none. */
    long lastRecoveryNanos() {
        return lastRecoveryNanos;
    }

    /** Tries a pending restore again (from the service timer). */
    boolean retryRestore() {
        if (!restorePending || a.closed) {
            return false;
        }
        return restore();
    }

    /**
     * The non-graceful destroy of §13.5: admin queue stopped (nothing more reaches the device), waiting commands
     * aborted, the data path quiesced, the device reset with {@code reason} (it stops all DMA), then the I/O queues
     * freed locally and the management plane torn down.
     */
    private void destroy(ResetReason reason) {
        a.com.adminQueue().setRunning(false);
        a.com.adminQueue().abort();
        boolean idle = a.pairs.length == 0 || queues.quiesce(QueueGate.QUIESCED);
        resetDevice(reason);
        if (a.pairs.length > 0) {
            queues.destroy(true, idle);
        }
        freeManagement();
    }

    private boolean restore() {
        try {
            probe.run();
            byte[] now = a.features.attributes().mac();
            if (!Arrays.equals(mac, now)) {
                throw new EnaComException("restore: the device came back with MAC " + EnaAdapter.macString(now)
                        + " instead of " + EnaAdapter.macString(mac), EnaErrno.EINVAL);
            }
            if (a.features.attributes().maxMtu() < mtuInUse) {
                throw new EnaComException("restore: the device's max MTU " + a.features.attributes().maxMtu()
                        + " is below the MTU in use " + mtuInUse, EnaErrno.EINVAL);
            }
            a.mtu = mtuInUse;
            if (wasUp) {
                QueuePair[] pairs = a.pairs;
                queues.create(pairs.length, a.upPools, a.upModes, pairs);
                queues.start(pairs, true);
            }
        } catch (RuntimeException e) {
            return restoreFailed(e);
        }
        restorePending = false;
        failedAttempts = 0;
        if (reinitializing) {
            a.logger().info("{}: device re-initialised", a.fn.address());
            return true;
        }
        lastRecoveryNanos = a.clock.nanoTime() - resetStartNanos;
        a.logger().info("{}: device restored after reset (reason {})", a.fn.address(), lastReason.label());
        String label = lastReason.label();
        long took = lastRecoveryNanos;
        a.post(l -> l.reset(EnaEventListener.ResetPhase.RESET_DONE, label, "restored in " + took / 1_000_000 + " ms"));
        return true;
    }

    private boolean restoreFailed(RuntimeException e) {
        a.resetFailures++;
        failedAttempts++;
        // §13.5 restore step 6: reset with DRIVER_INVALID_STATE and free everything; the queues stay closed.
        a.com.adminQueue().setRunning(false);
        a.com.adminQueue().abort();
        if (a.pairs.length > 0) {
            queues.destroy(false, true);
        }
        resetDevice(ResetReason.DRIVER_INVALID_STATE);
        freeManagement();
        a.com.takePendingReset(); // what went wrong during the restore is this failure, not a new reset
        String label = lastReason.label();
        boolean giveUp = failedAttempts >= MAX_RESTORE_ATTEMPTS;
        String msg;
        if (giveUp) {
            msg = "device " + a.fn.address() + " is down: " + failedAttempts + " restores after a reset (reason "
                    + label + ") failed in a row, the last with: " + e.getMessage();
            a.closed = true;
            a.downReason = msg;
            restorePending = false;
            for (QueuePair qp : a.pairs) {
                qp.tx().gate().close(QueueGate.DOWN, 0);
                qp.rx().gate().close(QueueGate.DOWN, 0);
            }
            a.logger().error(msg);
        } else {
            msg = "restore " + failedAttempts + " of " + MAX_RESTORE_ATTEMPTS + " after a reset (reason " + label
                    + ") failed: " + e.getMessage() + "; retried at the next service timer tick";
            restorePending = true;
            a.logger().warn("{}: {}", a.fn.address(), msg);
        }
        boolean down = giveUp;
        a.post(l -> l.reset(EnaEventListener.ResetPhase.RESET_FAILED, label, msg));
        if (down) {
            a.post(l -> l.deviceDown(msg));
        }
        return false;
    }

    /**
     * Removes the device (§13.6): if the interface is up, a graceful down (DESTROY commands reach the device), then
     * the reset with reason SHUTDOWN and the teardown of §13.5 step 3. Idempotent.
     */
    void remove() {
        if (a.pairs.length > 0 && !restorePending) {
            down(QueueGate.DOWN);
        } else {
            for (QueuePair qp : a.pairs) {
                qp.tx().gate().close(QueueGate.DOWN, QueueSetup.GATE_WAIT_NANOS);
                qp.rx().gate().close(QueueGate.DOWN, QueueSetup.GATE_WAIT_NANOS);
            }
            a.pairs = new QueuePair[0];
        }
        a.com.adminQueue().abort();
        a.com.adminQueue().waitForAbortCompletion();
        resetDevice(ResetReason.SHUTDOWN);
        freeManagement();
        a.closed = true;
        restorePending = false;
    }

    /** Interface down (§13.3): gates closed for good, DESTROY commands, buffers back, rings freed. */
    void down(int gateState) {
        boolean idle = queues.quiesce(gateState);
        queues.destroy(false, idle);
        a.pairs = new QueuePair[0];
        a.upPools = null;
        a.upModes = null;
        a.interfaceDown++;
    }

    /** Tears down after a failed probe: reset with INIT_ERR if MSI-X was set up (as the reference does). */
    void probeFailed() {
        if (a.msixUp) {
            resetDevice(ResetReason.INIT_ERR);
        }
        freeManagement();
        a.closed = true;
    }

    /** §13.5 step 3: management vector, admin queue (waiters aborted), AENQ, readless buffer, host info. */
    private void freeManagement() {
        if (a.msixUp) {
            a.com.disableManagementInterrupt();
            a.msixUp = false;
        }
        if (a.admin != null) {
            a.admin.close();
        }
        if (a.com.state() == EnaComDevice.State.ADMIN) {
            a.com.adminDestroy();
        }
        if (a.com.state() != EnaComDevice.State.NEW) {
            a.com.mmioReadRequestDestroy();
        }
        if (a.hostInfo != null) {
            a.fn.dma().free(a.hostInfo);
            a.hostInfo = null;
        }
        if (a.phc != null) {
            // §10.1 step 4: no SET to disable, the buffer is freed (after the device reset stopped its DMA). The
            // counters carry over to the clock the restore sets up, so phc_* keep counting across resets.
            int i = 0;
            for (long v : a.phc.stats().values()) {
                a.phcCarried[i++] += v;
            }
            a.fn.dma().free(a.phc.sharedBuffer());
            a.phc = null;
        }
        if (a.debugArea != null) {
            a.fn.dma().free(a.debugArea);
            a.debugArea = null;
        }
    }

    private void resetDevice(ResetReason reason) {
        if (a.com.state() == EnaComDevice.State.NEW) {
            return;
        }
        int rc = a.com.devReset(reason);
        if (rc != 0) {
            a.logger().warn("{}: reset with reason {} failed: {}", a.fn.address(), reason.label(), EnaErrno.name(rc));
            // The handshake timed out with DEV_CTL.DEV_RESET still 1 (the reference leaves it so). De-assert it:
            // a device that starts the reset late would otherwise sit in RESET_IN_PROGRESS, not READY, and
            // every later reset attempt would fail with "device not ready".
            a.com.mmio().write32(EnaRegs.DEV_CTL_OFF, 0);
        }
    }
}
