package io.ena4j.driver.eth;

import io.ena4j.spec.regs.ResetReason;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters and the requested reset reason of one ring (a Tx SQ/CQ pair or an Rx SQ/CQ pair), written by the one
 * thread that drives the ring and readable from any thread (datapath.md §12.2, §16).
 *
 * <p>Counters are single-writer: an increment is a plain read plus an ordered ({@code lazySet}) write, so it never
 * allocates or locks, and a reader on another thread sees untorn, eventually current values.
 *
 * <p>The reset reason mirrors the reference driver's {@code ena_reset_device(reason)}: the ring layer only records
 * why the device should be reset; the first reason recorded wins until {@link #clearResetReason()}. Escalating
 * it to a device reset (and bumping the global {@code total_resets} / per-reason counters) is the caller's job.
 */
public final class RingStats {

    private static final RingCounter[] COUNTERS = RingCounter.values();

    private final AtomicLongArray values = new AtomicLongArray(COUNTERS.length);
    private volatile ResetReason resetReason;

    /** A zeroed set of counters with no reset requested. */
    public RingStats() {
    }

    /** Current value of {@code counter}. */
    public long get(RingCounter counter) {
        return values.get(counter.ordinal());
    }

    /** Adds one to {@code counter}. Single writer only; allocation-free. */
    public void increment(RingCounter counter) {
        int i = counter.ordinal();
        values.lazySet(i, values.get(i) + 1);
    }

    /**
     * Records that the device should be reset for {@code reason}, unless a reason is already recorded
     * (first wins, §12.2).
     *
     * @return true if {@code reason} was recorded
     */
    public boolean requestReset(ResetReason reason) {
        if (resetReason != null || reason == null) {
            return false;
        }
        resetReason = reason;
        return true;
    }

    /** The reset reason recorded since the last {@link #clearResetReason()}, or {@code null}. */
    public ResetReason resetReason() {
        return resetReason;
    }

    /** Forgets the recorded reset reason (after the caller has escalated it, or after the ring was rebuilt). */
    public void clearResetReason() {
        resetReason = null;
    }

    /** Sets every counter to zero (the reset reason is kept). */
    public void clearCounters() {
        for (int i = 0; i < COUNTERS.length; i++) {
            values.set(i, 0);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RingStats[");
        for (RingCounter c : COUNTERS) {
            sb.append(c.label()).append('=').append(get(c)).append(", ");
        }
        return sb.append("reset=").append(resetReason).append(']').toString();
    }
}
