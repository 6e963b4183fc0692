package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * DESTROY_SQ command (opcode 2), 8 bytes (management.md §7.3); the response is the {@link AcqEntry} header only.
 * Direction codes are those of {@link CreateSqCmd}.
 *
 * <pre>
 *  off  type      field
 *  +4   u16       sq_idx
 *  +6   u8[7:5]   sq_identity.direction
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class DestroySqCmd {

    private DestroySqCmd() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 8;
    /** Offset of sq_idx. */
    public static final long SQ_IDX_OFFSET = 4;
    /** Offset of sq_identity.direction. */
    public static final long SQ_DIRECTION_OFFSET = 6;
    /** Bit position of sq_identity.direction within its 1-byte word. */
    public static final int SQ_DIRECTION_SHIFT = 5;
    /** Mask of sq_identity.direction in place within its word. */
    public static final int SQ_DIRECTION_MASK = 0xE0;

    /** sq_idx (device index) (u16). */
    public static int sqIdx(MemorySegment s, long base) {
        return Le.u16(s, base + SQ_IDX_OFFSET);
    }

    /** Sets sq_idx. */
    public static void sqIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + SQ_IDX_OFFSET, v);
    }

    /** sq_identity bits 7:5 direction (1 Tx, 2 Rx). */
    public static int sqDirection(MemorySegment s, long base) {
        return Le.bits8(s, base + SQ_DIRECTION_OFFSET, SQ_DIRECTION_SHIFT, 3);
    }

    /** Sets sq_identity.direction. */
    public static void sqDirection(MemorySegment s, long base, int v) {
        Le.bits8(s, base + SQ_DIRECTION_OFFSET, SQ_DIRECTION_SHIFT, 3, v);
    }
}
