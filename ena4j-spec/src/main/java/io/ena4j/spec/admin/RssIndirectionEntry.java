package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * One RSS indirection table entry in the control buffer (management.md §8.11). {@code cq_idx} carries the device
 * index of the target <em>Rx SQ</em> (from CREATE_SQ), despite its name. Entry i is at {@link #offset}(i).
 *
 * <pre>
 *  off  type      field
 *  +0   u16       cq_idx
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class RssIndirectionEntry {

    private RssIndirectionEntry() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 4;
    /** Offset of cq_idx. */
    public static final long CQ_IDX_OFFSET = 0;

    /** cq_idx: device index of the target Rx SQ (u16). */
    public static int cqIdx(MemorySegment s, long base) {
        return Le.u16(s, base + CQ_IDX_OFFSET);
    }

    /** Sets cq_idx. */
    public static void cqIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + CQ_IDX_OFFSET, v);
    }


    /** Byte offset of entry {@code index} in the table buffer (4 × index, as unsigned). */
    public static long offset(int index) {
        return Integer.toUnsignedLong(index) * SIZE;
    }
}
