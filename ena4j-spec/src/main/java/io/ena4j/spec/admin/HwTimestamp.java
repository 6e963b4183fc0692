package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * HW_TIMESTAMP (feature 31) payload, GET version 1 and SET (management.md §8.20). Offsets relative to the payload
 * start. Decision: {@code SIZE} is 4 (byte 3 treated as RSVD) because the spec lists three bytes and every other
 * payload is a whole number of words.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8, S+ = rel + 20)
 *  +0   u8        version
 *  +1   u8        tx
 *  +2   u8        rx
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class HwTimestamp {

    private HwTimestamp() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 4;
    /** Offset of version. */
    public static final long VERSION_OFFSET = 0;
    /** Offset of tx. */
    public static final long TX_OFFSET = 1;
    /** Offset of rx. */
    public static final long RX_OFFSET = 2;

    /** version (GET: max supported) (u8). */
    public static int version(MemorySegment s, long base) {
        return Le.u8(s, base + VERSION_OFFSET);
    }

    /** Sets version. */
    public static void version(MemorySegment s, long base, int v) {
        Le.u8(s, base + VERSION_OFFSET, v);
    }

    /** tx: GET = Tx support, SET = Tx enable (0 none, 1 all) (u8). */
    public static int tx(MemorySegment s, long base) {
        return Le.u8(s, base + TX_OFFSET);
    }

    /** Sets tx. */
    public static void tx(MemorySegment s, long base, int v) {
        Le.u8(s, base + TX_OFFSET, v);
    }

    /** rx: GET = Rx support, SET = Rx enable (0 none, 1 all) (u8). */
    public static int rx(MemorySegment s, long base) {
        return Le.u8(s, base + RX_OFFSET);
    }

    /** Sets rx. */
    public static void rx(MemorySegment s, long base, int v) {
        Le.u8(s, base + RX_OFFSET, v);
    }


    /** Timestamping off. */
    public static final int NONE = 0;
    /** Timestamp all packets. */
    public static final int ALL = 1;
    /** Version the driver GETs with. */
    public static final int VERSION_1 = 1;
}
