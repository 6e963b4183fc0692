package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type BASIC response (management.md §7.6). Offsets are absolute in the ACQ entry (base = entry base).
 * Each counter is a 64-bit value stored low word then high word, i.e. a little-endian u64.
 *
 * <pre>
 *  off  type      field
 *  +8   u64       tx_bytes
 *  +16  u64       tx_pkts
 *  +24  u64       rx_bytes
 *  +32  u64       rx_pkts
 *  +40  u64       rx_drops
 *  +48  u64       tx_drops
 *  +56  u64       rx_overruns
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class BasicStats {

    private BasicStats() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 64;
    /** Offset of tx_bytes. */
    public static final long TX_BYTES_OFFSET = 8;
    /** Offset of tx_pkts. */
    public static final long TX_PKTS_OFFSET = 16;
    /** Offset of rx_bytes. */
    public static final long RX_BYTES_OFFSET = 24;
    /** Offset of rx_pkts. */
    public static final long RX_PKTS_OFFSET = 32;
    /** Offset of rx_drops. */
    public static final long RX_DROPS_OFFSET = 40;
    /** Offset of tx_drops. */
    public static final long TX_DROPS_OFFSET = 48;
    /** Offset of rx_overruns. */
    public static final long RX_OVERRUNS_OFFSET = 56;

    /** tx_bytes (u64). */
    public static long txBytes(MemorySegment s, long base) {
        return Le.u64(s, base + TX_BYTES_OFFSET);
    }

    /** Sets tx_bytes. */
    public static void txBytes(MemorySegment s, long base, long v) {
        Le.u64(s, base + TX_BYTES_OFFSET, v);
    }

    /** tx_pkts (u64). */
    public static long txPkts(MemorySegment s, long base) {
        return Le.u64(s, base + TX_PKTS_OFFSET);
    }

    /** Sets tx_pkts. */
    public static void txPkts(MemorySegment s, long base, long v) {
        Le.u64(s, base + TX_PKTS_OFFSET, v);
    }

    /** rx_bytes (u64). */
    public static long rxBytes(MemorySegment s, long base) {
        return Le.u64(s, base + RX_BYTES_OFFSET);
    }

    /** Sets rx_bytes. */
    public static void rxBytes(MemorySegment s, long base, long v) {
        Le.u64(s, base + RX_BYTES_OFFSET, v);
    }

    /** rx_pkts (u64). */
    public static long rxPkts(MemorySegment s, long base) {
        return Le.u64(s, base + RX_PKTS_OFFSET);
    }

    /** Sets rx_pkts. */
    public static void rxPkts(MemorySegment s, long base, long v) {
        Le.u64(s, base + RX_PKTS_OFFSET, v);
    }

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
