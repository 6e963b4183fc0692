package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type ENI response (management.md §7.6). Offsets are absolute in the ACQ entry (base = entry base);
 * {@code SIZE} is the extent of the defined fields. Each counter counts packets shaped or dropped because an
 * instance allowance was exceeded.
 *
 * <pre>
 *  off  type      field
 *  +8   u64       bw_in_allowance_exceeded
 *  +16  u64       bw_out_allowance_exceeded
 *  +24  u64       pps_allowance_exceeded
 *  +32  u64       conntrack_allowance_exceeded
 *  +40  u64       linklocal_allowance_exceeded
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class EniStats {

    private EniStats() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 48;
    /** Offset of bw_in_allowance_exceeded. */
    public static final long BW_IN_ALLOWANCE_EXCEEDED_OFFSET = 8;
    /** Offset of bw_out_allowance_exceeded. */
    public static final long BW_OUT_ALLOWANCE_EXCEEDED_OFFSET = 16;
    /** Offset of pps_allowance_exceeded. */
    public static final long PPS_ALLOWANCE_EXCEEDED_OFFSET = 24;
    /** Offset of conntrack_allowance_exceeded. */
    public static final long CONNTRACK_ALLOWANCE_EXCEEDED_OFFSET = 32;
    /** Offset of linklocal_allowance_exceeded. */
    public static final long LINKLOCAL_ALLOWANCE_EXCEEDED_OFFSET = 40;

    /** bw_in_allowance_exceeded (u64). */
    public static long bwInAllowanceExceeded(MemorySegment s, long base) {
        return Le.u64(s, base + BW_IN_ALLOWANCE_EXCEEDED_OFFSET);
    }

    /** Sets bw_in_allowance_exceeded. */
    public static void bwInAllowanceExceeded(MemorySegment s, long base, long v) {
        Le.u64(s, base + BW_IN_ALLOWANCE_EXCEEDED_OFFSET, v);
    }

    /** bw_out_allowance_exceeded (u64). */
    public static long bwOutAllowanceExceeded(MemorySegment s, long base) {
        return Le.u64(s, base + BW_OUT_ALLOWANCE_EXCEEDED_OFFSET);
    }

    /** Sets bw_out_allowance_exceeded. */
    public static void bwOutAllowanceExceeded(MemorySegment s, long base, long v) {
        Le.u64(s, base + BW_OUT_ALLOWANCE_EXCEEDED_OFFSET, v);
    }

    /** pps_allowance_exceeded (u64). */
    public static long ppsAllowanceExceeded(MemorySegment s, long base) {
        return Le.u64(s, base + PPS_ALLOWANCE_EXCEEDED_OFFSET);
    }

    /** Sets pps_allowance_exceeded. */
    public static void ppsAllowanceExceeded(MemorySegment s, long base, long v) {
        Le.u64(s, base + PPS_ALLOWANCE_EXCEEDED_OFFSET, v);
    }

    /** conntrack_allowance_exceeded (u64). */
    public static long conntrackAllowanceExceeded(MemorySegment s, long base) {
        return Le.u64(s, base + CONNTRACK_ALLOWANCE_EXCEEDED_OFFSET);
    }

    /** Sets conntrack_allowance_exceeded. */
    public static void conntrackAllowanceExceeded(MemorySegment s, long base, long v) {
        Le.u64(s, base + CONNTRACK_ALLOWANCE_EXCEEDED_OFFSET, v);
    }

    /** linklocal_allowance_exceeded (u64). */
    public static long linklocalAllowanceExceeded(MemorySegment s, long base) {
        return Le.u64(s, base + LINKLOCAL_ALLOWANCE_EXCEEDED_OFFSET);
    }

    /** Sets linklocal_allowance_exceeded. */
    public static void linklocalAllowanceExceeded(MemorySegment s, long base, long v) {
        Le.u64(s, base + LINKLOCAL_ALLOWANCE_EXCEEDED_OFFSET, v);
    }
}
