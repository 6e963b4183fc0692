package io.ena4j.spec.aenq;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * KEEP_ALIVE (group 4) AENQ entry payload (management.md §9.3). Offsets are absolute in the AENQ entry
 * (base = entry base). Counters are cumulative since device reset, each a low/high u32 pair (= little-endian u64).
 *
 * <pre>
 *  off  type      field
 *  +16  u64       rx_drops
 *  +24  u64       tx_drops
 *  +32  u64       rx_overruns
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class AenqKeepAlive {

    private AenqKeepAlive() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 40;
    /** Offset of rx_drops. */
    public static final long RX_DROPS_OFFSET = 16;
    /** Offset of tx_drops. */
    public static final long TX_DROPS_OFFSET = 24;
    /** Offset of rx_overruns. */
    public static final long RX_OVERRUNS_OFFSET = 32;

    /** rx_drops (u64). */
    public static long rxDrops(MemorySegment s, long base) {
        return Le.u64(s, base + RX_DROPS_OFFSET);
    }

    /** Sets rx_drops. */
    public static void rxDrops(MemorySegment s, long base, long v) {
        Le.u64(s, base + RX_DROPS_OFFSET, v);
    }

    /** tx_drops (u64). */
    public static long txDrops(MemorySegment s, long base) {
        return Le.u64(s, base + TX_DROPS_OFFSET);
    }

    /** Sets tx_drops. */
    public static void txDrops(MemorySegment s, long base, long v) {
        Le.u64(s, base + TX_DROPS_OFFSET, v);
    }

    /** rx_overruns (u64). */
    public static long rxOverruns(MemorySegment s, long base) {
        return Le.u64(s, base + RX_OVERRUNS_OFFSET);
    }

    /** Sets rx_overruns. */
    public static void rxOverruns(MemorySegment s, long base, long v) {
        Le.u64(s, base + RX_OVERRUNS_OFFSET, v);
    }
}
