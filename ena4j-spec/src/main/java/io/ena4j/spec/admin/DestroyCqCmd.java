package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * DESTROY_CQ command (opcode 4), 8 bytes (management.md §7.4); the response is the {@link AcqEntry} header only.
 * The driver destroys the SQ before its CQ.
 *
 * <pre>
 *  off  type      field
 *  +4   u16       cq_idx
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class DestroyCqCmd {

    private DestroyCqCmd() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 8;
    /** Offset of cq_idx. */
    public static final long CQ_IDX_OFFSET = 4;

    /** cq_idx (device index) (u16). */
    public static int cqIdx(MemorySegment s, long base) {
        return Le.u16(s, base + CQ_IDX_OFFSET);
    }

    /** Sets cq_idx. */
    public static void cqIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + CQ_IDX_OFFSET, v);
    }
}
