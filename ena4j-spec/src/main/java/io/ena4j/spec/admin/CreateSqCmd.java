package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * CREATE_SQ command (opcode 1), 36 bytes used (management.md §7.2). Bytes 0..3 are the {@link AqEntry} header.
 *
 * <p>Reference values: completion policy 0, physically contiguous 1, {@code sq_ba} only for host placement,
 * {@code sq_head_writeback} 0; the CQ is created first.
 *
 * <pre>
 *  off  type      field
 *  +4   u8[7:5]   sq_identity.direction
 *  +6   u8[3:0]   sq_caps_2.placement_policy
 *  +6   u8[6:4]   sq_caps_2.completion_policy
 *  +7   u8[0]     sq_caps_3.is_physically_contiguous
 *  +8   u16       cq_idx
 *  +10  u16       sq_depth
 *  +12  MemAddr   sq_ba
 *  +20  MemAddr   sq_head_writeback
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class CreateSqCmd {

    private CreateSqCmd() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 36;
    /** Offset of sq_identity.direction. */
    public static final long SQ_DIRECTION_OFFSET = 4;
    /** Bit position of sq_identity.direction within its 1-byte word. */
    public static final int SQ_DIRECTION_SHIFT = 5;
    /** Mask of sq_identity.direction in place within its word. */
    public static final int SQ_DIRECTION_MASK = 0xE0;
    /** Offset of sq_caps_2.placement_policy. */
    public static final long PLACEMENT_POLICY_OFFSET = 6;
    /** Bit position of sq_caps_2.placement_policy within its 1-byte word. */
    public static final int PLACEMENT_POLICY_SHIFT = 0;
    /** Mask of sq_caps_2.placement_policy in place within its word. */
    public static final int PLACEMENT_POLICY_MASK = 0xF;
    /** Offset of sq_caps_2.completion_policy. */
    public static final long COMPLETION_POLICY_OFFSET = 6;
    /** Bit position of sq_caps_2.completion_policy within its 1-byte word. */
    public static final int COMPLETION_POLICY_SHIFT = 4;
    /** Mask of sq_caps_2.completion_policy in place within its word. */
    public static final int COMPLETION_POLICY_MASK = 0x70;
    /** Offset of sq_caps_3.is_physically_contiguous. */
    public static final long IS_PHYSICALLY_CONTIGUOUS_OFFSET = 7;
    /** Bit position of sq_caps_3.is_physically_contiguous within its 1-byte word. */
    public static final int IS_PHYSICALLY_CONTIGUOUS_SHIFT = 0;
    /** Mask of sq_caps_3.is_physically_contiguous in place within its word. */
    public static final int IS_PHYSICALLY_CONTIGUOUS_MASK = 0x1;
    /** Offset of cq_idx. */
    public static final long CQ_IDX_OFFSET = 8;
    /** Offset of sq_depth. */
    public static final long SQ_DEPTH_OFFSET = 10;
    /** Offset of sq_ba. */
    public static final long SQ_BA_OFFSET = 12;
    /** Offset of sq_head_writeback. */
    public static final long SQ_HEAD_WRITEBACK_OFFSET = 20;

    /** sq_identity bits 7:5 direction (1 Tx, 2 Rx). */
    public static int sqDirection(MemorySegment s, long base) {
        return Le.bits8(s, base + SQ_DIRECTION_OFFSET, SQ_DIRECTION_SHIFT, 3);
    }

    /** Sets sq_identity.direction. */
    public static void sqDirection(MemorySegment s, long base, int v) {
        Le.bits8(s, base + SQ_DIRECTION_OFFSET, SQ_DIRECTION_SHIFT, 3, v);
    }

    /** sq_caps_2 bits 3:0 placement policy (1 host, 3 device/LLQ). */
    public static int placementPolicy(MemorySegment s, long base) {
        return Le.bits8(s, base + PLACEMENT_POLICY_OFFSET, PLACEMENT_POLICY_SHIFT, 4);
    }

    /** Sets sq_caps_2.placement_policy. */
    public static void placementPolicy(MemorySegment s, long base, int v) {
        Le.bits8(s, base + PLACEMENT_POLICY_OFFSET, PLACEMENT_POLICY_SHIFT, 4, v);
    }

    /** sq_caps_2 bits 6:4 completion policy. */
    public static int completionPolicy(MemorySegment s, long base) {
        return Le.bits8(s, base + COMPLETION_POLICY_OFFSET, COMPLETION_POLICY_SHIFT, 3);
    }

    /** Sets sq_caps_2.completion_policy. */
    public static void completionPolicy(MemorySegment s, long base, int v) {
        Le.bits8(s, base + COMPLETION_POLICY_OFFSET, COMPLETION_POLICY_SHIFT, 3, v);
    }

    /** sq_caps_3 bit 0 IS_PHYSICALLY_CONTIGUOUS. */
    public static int isPhysicallyContiguous(MemorySegment s, long base) {
        return Le.bits8(s, base + IS_PHYSICALLY_CONTIGUOUS_OFFSET, IS_PHYSICALLY_CONTIGUOUS_SHIFT, 1);
    }

    /** Sets sq_caps_3.is_physically_contiguous. */
    public static void isPhysicallyContiguous(MemorySegment s, long base, int v) {
        Le.bits8(s, base + IS_PHYSICALLY_CONTIGUOUS_OFFSET, IS_PHYSICALLY_CONTIGUOUS_SHIFT, 1, v);
    }

    /** cq_idx: device index of the CQ to bind (u16). */
    public static int cqIdx(MemorySegment s, long base) {
        return Le.u16(s, base + CQ_IDX_OFFSET);
    }

    /** Sets cq_idx. */
    public static void cqIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + CQ_IDX_OFFSET, v);
    }

    /** sq_depth in entries (u16). */
    public static int sqDepth(MemorySegment s, long base) {
        return Le.u16(s, base + SQ_DEPTH_OFFSET);
    }

    /** Sets sq_depth. */
    public static void sqDepth(MemorySegment s, long base, int v) {
        Le.u16(s, base + SQ_DEPTH_OFFSET, v);
    }

    /** sq_ba: SQ ring address (host placement only, page aligned) (48-bit MemAddr). */
    public static long sqBa(MemorySegment s, long base) {
        return MemAddr.address(s, base + SQ_BA_OFFSET);
    }

    /** Sets sq_ba (masked to 48 bits). */
    public static void sqBa(MemorySegment s, long base, long v) {
        MemAddr.address(s, base + SQ_BA_OFFSET, v);
    }

    /** sq_head_writeback address (completion policies 2/3 only) (48-bit MemAddr). */
    public static long sqHeadWriteback(MemorySegment s, long base) {
        return MemAddr.address(s, base + SQ_HEAD_WRITEBACK_OFFSET);
    }

    /** Sets sq_head_writeback (masked to 48 bits). */
    public static void sqHeadWriteback(MemorySegment s, long base, long v) {
        MemAddr.address(s, base + SQ_HEAD_WRITEBACK_OFFSET, v);
    }


    /** Direction code: Tx. */
    public static final int DIRECTION_TX = 1;
    /** Direction code: Rx. */
    public static final int DIRECTION_RX = 2;
    /** Placement policy: descriptors and headers in host memory. */
    public static final int PLACEMENT_HOST = 1;
    /** Placement policy: descriptors and headers pushed to device memory through BAR 2 (LLQ). */
    public static final int PLACEMENT_DEV = 3;
    /** Completion policy 0: one completion per descriptor (the only one the reference driver uses). */
    public static final int COMPLETION_POLICY_DESC = 0;
    /** Completion policy 1: completion only for descriptors that request it. */
    public static final int COMPLETION_POLICY_DESC_ON_DEMAND = 1;
    /** Completion policy 2: head written to host memory when a descriptor requests it. */
    public static final int COMPLETION_POLICY_HEAD_ON_DEMAND = 2;
    /** Completion policy 3: head written to host memory for every descriptor. */
    public static final int COMPLETION_POLICY_HEAD = 3;
}
