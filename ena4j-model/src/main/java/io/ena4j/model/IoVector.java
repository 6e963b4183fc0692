package io.ena4j.model;

import io.ena4j.spec.regs.IntrUnmask;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Interrupt state of one MSI-X vector used by I/O completion queues (datapath.md §1.3, §8.6, §13.1, §17 item 6):
 * auto-mask, the unmask register, and per-direction moderation.
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>The vector is raised when a completion was written to a bound interrupt-mode CQ (either direction), the vector
 * is not auto-masked, and for at least one direction with pending completions its delay has elapsed since that
 * direction's first pending completion (model clock). Raising auto-masks it and clears both directions' pending
 * state: one message serves the pair, the driver polls both CQs.</li>
 * <li>Completions written while masked stay pending; the unmask then raises at once if the delay has already
 * elapsed. (So a completion that raced with the driver's last poll is never lost; the price is an occasional
 * message for completions the driver already consumed, which NAPI-style drivers tolerate.)</li>
 * <li>Unmask register (§8.6): bit 30 clears the auto-mask; when bit 31 ({@code no_moderation_update}) is 0, bits 14:0
 * become the Rx delay and bits 29:15 the Tx delay, in units of {@code intr_delay_resolution} µs (0 treated as 1).
 * [decision, §8.6 UNCERTAIN] A write with bit 30 = 0 and bit 31 = 0 (the Linux driver's lost-interrupt recovery)
 * re-arms like an unmask, so pending completions are signalled. A write with bit 30 = 0 and bit 31 = 1 changes
 * nothing.</li>
 * <li>[decision] Until the first write with bit 31 = 0 both delays are 0: no moderation (§8.6 asks only for "a
 * sensible default").</li>
 * <li>Vector 0 (management) is never auto-masked (management.md §2.3), even if a CQ names it.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * The register write arrives on a driver thread and only touches volatile fields ({@link #unmaskWritten}); the
 * mask and pending state belong to the thread stepping the model ({@link #evaluate}), which notices new completions
 * through each CQ's published completion count, whoever wrote them. A device reset (on whatever thread) clears the
 * delays at once; the stepping thread drops its own state when it sees the reset generation change
 * ({@link #resetStepState}).
 */
final class IoVector {

    private static final VarHandle EPOCH;

    static {
        try {
            EPOCH = MethodHandles.lookup().findVarHandle(IoVector.class, "epoch", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** MSI-X vector number. */
    final int vector;
    private final boolean autoMask;
    /** Rx delay (bits 14:0) and Tx delay (bits 29:15) in resolution units, as the register carries them. */
    private volatile int delays;
    /** Re-arm requests written by the driver; the stepping thread compares it with {@link #seenEpoch}. */
    private volatile int epoch;

    private int seenEpoch;
    private boolean masked;
    private long txSince = -1;
    private long rxSince = -1;

    IoVector(int vector) {
        this.vector = vector;
        this.autoMask = vector != io.ena4j.spec.regs.PciIds.MGMT_VECTOR;
    }

    /** A write to an unmask register of a CQ on this vector (driver thread, lock-free). */
    void unmaskWritten(int v) {
        boolean update = (v & IntrUnmask.NO_MODERATION_UPDATE_MASK) == 0;
        if (update) {
            delays = v & (IntrUnmask.RX_DELAY_MASK | IntrUnmask.TX_DELAY_MASK);
        }
        if ((v & IntrUnmask.UNMASK_MASK) != 0 || update) {
            EPOCH.getAndAdd(this, 1);
        }
    }

    /** Device reset: back to no moderation (any thread, under the device lock). */
    void resetDelays() {
        delays = 0;
    }

    /** Drops the stepping thread's state after a device reset: unmasked, nothing pending. */
    void resetStepState() {
        seenEpoch = epoch;
        masked = false;
        txSince = -1;
        rxSince = -1;
    }

    /** True while auto-masked (stepping thread's view). */
    boolean masked() {
        return masked;
    }

    /**
     * One evaluation on the stepping thread: applies re-arm requests, notices new completions on the bound CQs, and
     * decides whether to raise now.
     *
     * @param unitNanos nanoseconds per delay unit ({@code intr_delay_resolution} µs)
     * @return true if the vector must be raised now (it is then auto-masked and nothing is pending)
     */
    boolean evaluate(long now, CompletionQueue[] tx, CompletionQueue[] rx, long unitNanos) {
        int e = epoch;
        if (e != seenEpoch) {
            seenEpoch = e;
            masked = false;
        }
        for (CompletionQueue cq : tx) {
            if (cq.takeNewCompletions() && txSince < 0) {
                txSince = now;
            }
        }
        for (CompletionQueue cq : rx) {
            if (cq.takeNewCompletions() && rxSince < 0) {
                rxSince = now;
            }
        }
        if (masked || txSince < 0 && rxSince < 0) {
            return false;
        }
        int d = delays;
        long txDelay = (long) ((d & IntrUnmask.TX_DELAY_MASK) >>> IntrUnmask.TX_DELAY_SHIFT) * unitNanos;
        long rxDelay = (long) (d & IntrUnmask.RX_DELAY_MASK) * unitNanos;
        boolean fire = txSince >= 0 && now - txSince >= txDelay || rxSince >= 0 && now - rxSince >= rxDelay;
        if (!fire) {
            return false;
        }
        txSince = -1;
        rxSince = -1;
        masked = autoMask;
        return true;
    }
}
