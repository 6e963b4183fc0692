package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type CUSTOMER_METRICS response and value buffer (management.md §7.6). The response offset is absolute
 * in the ACQ entry (base = entry base).
 *
 * <p>Support query: no buffer, {@code requested_metrics = 0x3F}; the response says which metrics exist. Value query:
 * a 512-byte buffer, {@code requested_metrics} = the supported set; the device packs one u64 per requested metric in
 * ascending id order from buffer offset 0 ({@link #valueOffset}).
 *
 * <pre>
 *  off  type      field
 *  +8   u64       reported_metrics
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class CustomerMetrics {

    private CustomerMetrics() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 16;
    /** Offset of reported_metrics. */
    public static final long REPORTED_METRICS_OFFSET = 8;

    /** reported_metrics: subset of the requested metrics the device supports (u64). */
    public static long reportedMetrics(MemorySegment s, long base) {
        return Le.u64(s, base + REPORTED_METRICS_OFFSET);
    }

    /** Sets reported_metrics. */
    public static void reportedMetrics(MemorySegment s, long base, long v) {
        Le.u64(s, base + REPORTED_METRICS_OFFSET, v);
    }


    /** Metric id (bit number) 0: BW_IN_ALLOWANCE_EXCEEDED. */
    public static final int BW_IN_ALLOWANCE_EXCEEDED = 0;
    /** Metric id 1: BW_OUT_ALLOWANCE_EXCEEDED. */
    public static final int BW_OUT_ALLOWANCE_EXCEEDED = 1;
    /** Metric id 2: PPS_ALLOWANCE_EXCEEDED. */
    public static final int PPS_ALLOWANCE_EXCEEDED = 2;
    /** Metric id 3: CONNTRACK_ALLOWANCE_EXCEEDED. */
    public static final int CONNTRACK_ALLOWANCE_EXCEEDED = 3;
    /** Metric id 4: LINKLOCAL_ALLOWANCE_EXCEEDED. */
    public static final int LINKLOCAL_ALLOWANCE_EXCEEDED = 4;
    /** Metric id 5: CONNTRACK_ALLOWANCE_AVAILABLE. */
    public static final int CONNTRACK_ALLOWANCE_AVAILABLE = 5;
    /** Mask of all six metrics. */
    public static final long ALL_METRICS = 0x3F;
    /** Mask assumed when the CUSTOMER_METRICS capability is absent. */
    public static final long LEGACY_METRICS = 0x1F;
    /** Size of the value buffer the reference driver passes. */
    public static final int BUFFER_SIZE = 512;

    /**
     * Byte offset in the value buffer of metric {@code metricId} when {@code requested} was asked for: 8 × the
     * number of requested ids below it; -1 if the metric was not requested or the id is outside 0..63.
     */
    public static long valueOffset(long requested, int metricId) {
        if (metricId < 0 || metricId > 63 || (requested & (1L << metricId)) == 0) {
            return -1;
        }
        return 8L * Long.bitCount(requested & ((1L << metricId) - 1));
    }

    /** Bytes of the value buffer the device writes for {@code requested}: 8 × popcount. */
    public static long valueBytes(long requested) {
        return 8L * Long.bitCount(requested);
    }
}
