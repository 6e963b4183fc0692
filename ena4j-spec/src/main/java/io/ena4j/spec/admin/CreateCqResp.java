package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * CREATE_CQ response, 24 bytes copied (management.md §7.1). Bytes 0..7 are the {@link AcqEntry} header.
 * Register offsets are relative to the start of BAR 0.
 *
 * <pre>
 *  off  type      field
 *  +8   u16       cq_idx
 *  +10  u16       cq_actual_depth
 *  +12  u32       numa_node_register_offset
 *  +16  u32       cq_head_db_register_offset
 *  +20  u32       cq_interrupt_unmask_register_offset
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class CreateCqResp {

    private CreateCqResp() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 24;
    /** Offset of cq_idx. */
    public static final long CQ_IDX_OFFSET = 8;
    /** Offset of cq_actual_depth. */
    public static final long CQ_ACTUAL_DEPTH_OFFSET = 10;
    /** Offset of numa_node_register_offset. */
    public static final long NUMA_NODE_REGISTER_OFFSET_OFFSET = 12;
    /** Offset of cq_head_db_register_offset. */
    public static final long CQ_HEAD_DB_REGISTER_OFFSET_OFFSET = 16;
    /** Offset of cq_interrupt_unmask_register_offset. */
    public static final long CQ_INTERRUPT_UNMASK_REGISTER_OFFSET_OFFSET = 20;

    /** cq_idx: device CQ index (u16). */
    public static int cqIdx(MemorySegment s, long base) {
        return Le.u16(s, base + CQ_IDX_OFFSET);
    }

    /** Sets cq_idx. */
    public static void cqIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + CQ_IDX_OFFSET, v);
    }

    /** cq_actual_depth (ignored by the driver; a device should echo the request) (u16). */
    public static int cqActualDepth(MemorySegment s, long base) {
        return Le.u16(s, base + CQ_ACTUAL_DEPTH_OFFSET);
    }

    /** Sets cq_actual_depth. */
    public static void cqActualDepth(MemorySegment s, long base, int v) {
        Le.u16(s, base + CQ_ACTUAL_DEPTH_OFFSET, v);
    }

    /** numa_node_register_offset (0 = none; §11.3) (u32, raw bits). */
    public static int numaNodeRegisterOffset(MemorySegment s, long base) {
        return Le.u32(s, base + NUMA_NODE_REGISTER_OFFSET_OFFSET);
    }

    /** Sets numa_node_register_offset. */
    public static void numaNodeRegisterOffset(MemorySegment s, long base, int v) {
        Le.u32(s, base + NUMA_NODE_REGISTER_OFFSET_OFFSET, v);
    }

    /** cq_head_db_register_offset (unused by reference drivers) (u32, raw bits). */
    public static int cqHeadDbRegisterOffset(MemorySegment s, long base) {
        return Le.u32(s, base + CQ_HEAD_DB_REGISTER_OFFSET_OFFSET);
    }

    /** Sets cq_head_db_register_offset. */
    public static void cqHeadDbRegisterOffset(MemorySegment s, long base, int v) {
        Le.u32(s, base + CQ_HEAD_DB_REGISTER_OFFSET_OFFSET, v);
    }

    /** cq_interrupt_unmask_register_offset (§11.2) (u32, raw bits). */
    public static int cqInterruptUnmaskRegisterOffset(MemorySegment s, long base) {
        return Le.u32(s, base + CQ_INTERRUPT_UNMASK_REGISTER_OFFSET_OFFSET);
    }

    /** Sets cq_interrupt_unmask_register_offset. */
    public static void cqInterruptUnmaskRegisterOffset(MemorySegment s, long base, int v) {
        Le.u32(s, base + CQ_INTERRUPT_UNMASK_REGISTER_OFFSET_OFFSET, v);
    }
}
