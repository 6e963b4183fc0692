package io.ena4j.spec.eth;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Tx completion descriptor {@code tx_cdesc}, 8 bytes, written by the device into the Tx CQ, one per transmitted
 * packet (datapath.md §4.1, §4.3). The extended 16-byte form is {@link TxCdescExt}.
 *
 * <pre>
 *  off  size  field
 *  +0   u16   req_id        req_id of the completed packet (from its first data descriptor)
 *  +2   u8    status        no codes defined; device writes 0 ({@link TxCompletionStatus}) [UNCERTAIN]
 *  +3   u8    flags
 *  +4   u16   sub_qid       unused by the driver [UNCERTAIN]
 *  +6   u16   sq_head_idx   SQ head after this completion (unused by the driver)
 *
 * flags (+3):            word 0 (+0) as one little-endian u32:
 *    7:6    5:1    0        31:30  29:25  24     23:16    15:0
 *  +------+------+-----+  +------+------+------+--------+--------+
 *  | MBZ  | rsv  |phase|  | MBZ  | rsv  |phase | status | req_id |
 *  +------+------+-----+  +------+------+------+--------+--------+
 * </pre>
 *
 * <p>Ordering (§8.2): the phase bit is in word 0. The driver reads word 0 with
 * {@link #word0Acquire(MemorySegment, long)}, checks the phase and, since req_id is in the same word, normally
 * needs no further read. A device model fills bytes 4..7 first and publishes word 0 last with
 * {@link #word0Release(MemorySegment, long, int)}. Validation (§12.2): MBZ bits 7:6 of flags are checked only
 * when capability CDESC_MBZ is set; reserved bits 5:1 are never checked.
 *
 * <p>Field getters/setters follow the module convention (unsigned {@code int}, masked read-modify-write).
 */
public final class TxCdesc {

    private TxCdesc() {
    }

    /** Entry size in bytes (§4.1, §1.5). */
    public static final long SIZE = 8;

    /** Offset of req_id (u16). */
    public static final long REQ_ID_OFFSET = 0;
    /** Offset of status (u8). */
    public static final long STATUS_OFFSET = 2;
    /** Offset of flags (u8). */
    public static final long FLAGS_OFFSET = 3;
    /** Offset of sub_qid (u16). */
    public static final long SUB_QID_OFFSET = 4;
    /** Offset of sq_head_idx (u16). */
    public static final long SQ_HEAD_IDX_OFFSET = 6;
    /** Offset of word 0 (req_id, status, flags), the word that carries the phase bit. */
    public static final long WORD0_OFFSET = 0;

    /** flags bit 0 phase, shift. */
    public static final int FLAGS_PHASE_SHIFT = 0;
    /** flags bit 0 phase. */
    public static final int FLAGS_PHASE_MASK = 0x01;
    /** flags bits 5:1 reserved (not validated). */
    public static final int FLAGS_RESERVED_MASK = 0x3E;
    /** flags bits 7:6 mbz6, shift. */
    public static final int FLAGS_MBZ_SHIFT = 6;
    /** flags bits 7:6 mbz6: must be zero, validated when capability CDESC_MBZ is set (§12.2). */
    public static final int FLAGS_MBZ_MASK = 0xC0;

    /** word 0 bits 15:0 req_id, shift. */
    public static final int WORD0_REQ_ID_SHIFT = 0;
    /** word 0 bits 15:0 req_id. */
    public static final int WORD0_REQ_ID_MASK = 0x0000_FFFF;
    /** word 0 bits 23:16 status, shift. */
    public static final int WORD0_STATUS_SHIFT = 16;
    /** word 0 bits 23:16 status, in place. */
    public static final int WORD0_STATUS_MASK = 0x00FF_0000;
    /** word 0 bits 31:24 flags byte, shift. */
    public static final int WORD0_FLAGS_SHIFT = 24;
    /** word 0 bit 24 phase, shift. */
    public static final int WORD0_PHASE_SHIFT = 24;
    /** word 0 bit 24 phase (flags bit 0). */
    public static final int WORD0_PHASE_MASK = 1 << 24;
    /** word 0 bits 29:25 reserved (flags bits 5:1). */
    public static final int WORD0_RESERVED_MASK = FLAGS_RESERVED_MASK << WORD0_FLAGS_SHIFT;
    /** word 0 bits 31:30 MBZ (flags bits 7:6). */
    public static final int WORD0_MBZ_MASK = FLAGS_MBZ_MASK << WORD0_FLAGS_SHIFT;

    // ---- word 0 with ordering ----

    /**
     * Acquire-read of word 0 (req_id | status &lt;&lt; 16 | flags &lt;&lt; 24): read this first, check
     * {@link #WORD0_PHASE_MASK}, then read other fields (§8.2). {@code base} must be 4-byte aligned in a native
     * segment (true for every entry of a CQ ring).
     */
    public static int word0Acquire(MemorySegment s, long base) {
        return OrderedWord.getAcquire(s, base + WORD0_OFFSET);
    }

    /**
     * Release-write of word 0, for the device model: every earlier store (bytes 4..7, and the timestamp of a
     * {@link TxCdescExt}) becomes visible no later than the phase bit. Same alignment rule as
     * {@link #word0Acquire(MemorySegment, long)}.
     */
    public static void word0Release(MemorySegment s, long base, int v) {
        OrderedWord.setRelease(s, base + WORD0_OFFSET, v);
    }

    /** Plain read of word 0 (no ordering). */
    public static int word0(MemorySegment s, long base) {
        return Le.u32(s, base + WORD0_OFFSET);
    }

    /** Plain store of word 0 (no ordering). */
    public static void word0(MemorySegment s, long base, int v) {
        Le.u32(s, base + WORD0_OFFSET, v);
    }

    /** Word 0 built from its fields: req_id (16 bits), status (8 bits), flags byte (8 bits). */
    public static int word0Of(int reqId, int status, int flags) {
        return (reqId & WORD0_REQ_ID_MASK) | ((status << WORD0_STATUS_SHIFT) & WORD0_STATUS_MASK)
                | (flags << WORD0_FLAGS_SHIFT);
    }

    // ---- fields ----

    /** req_id (u16). */
    public static int reqId(MemorySegment s, long base) {
        return Le.u16(s, base + REQ_ID_OFFSET);
    }

    /** Sets req_id (16 bits). */
    public static void reqId(MemorySegment s, long base, int v) {
        Le.u16(s, base + REQ_ID_OFFSET, v);
    }

    /** status (u8). */
    public static int status(MemorySegment s, long base) {
        return Le.u8(s, base + STATUS_OFFSET);
    }

    /** Sets status (8 bits). */
    public static void status(MemorySegment s, long base, int v) {
        Le.u8(s, base + STATUS_OFFSET, v);
    }

    /** The whole flags byte. */
    public static int flags(MemorySegment s, long base) {
        return Le.u8(s, base + FLAGS_OFFSET);
    }

    /** Sets the whole flags byte. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u8(s, base + FLAGS_OFFSET, v);
    }

    /** flags bit 0 phase. */
    public static int phase(MemorySegment s, long base) {
        return Le.bits8(s, base + FLAGS_OFFSET, FLAGS_PHASE_SHIFT, 1);
    }

    /** Sets flags bit 0 phase. */
    public static void phase(MemorySegment s, long base, int v) {
        Le.bits8(s, base + FLAGS_OFFSET, FLAGS_PHASE_SHIFT, 1, v);
    }

    /** flags bits 5:1 reserved. */
    public static int reserved1(MemorySegment s, long base) {
        return Le.bits8(s, base + FLAGS_OFFSET, 1, 5);
    }

    /** Sets flags bits 5:1 reserved (5 bits). */
    public static void reserved1(MemorySegment s, long base, int v) {
        Le.bits8(s, base + FLAGS_OFFSET, 1, 5, v);
    }

    /** flags bits 7:6 mbz6 (non-zero = malformed when CDESC_MBZ is negotiated). */
    public static int mbz6(MemorySegment s, long base) {
        return Le.bits8(s, base + FLAGS_OFFSET, FLAGS_MBZ_SHIFT, 2);
    }

    /** Sets flags bits 7:6 mbz6 (2 bits; only tests and fault injection write non-zero). */
    public static void mbz6(MemorySegment s, long base, int v) {
        Le.bits8(s, base + FLAGS_OFFSET, FLAGS_MBZ_SHIFT, 2, v);
    }

    /** sub_qid (u16). */
    public static int subQid(MemorySegment s, long base) {
        return Le.u16(s, base + SUB_QID_OFFSET);
    }

    /** Sets sub_qid (16 bits). */
    public static void subQid(MemorySegment s, long base, int v) {
        Le.u16(s, base + SUB_QID_OFFSET, v);
    }

    /** sq_head_idx (u16). */
    public static int sqHeadIdx(MemorySegment s, long base) {
        return Le.u16(s, base + SQ_HEAD_IDX_OFFSET);
    }

    /** Sets sq_head_idx (16 bits). */
    public static void sqHeadIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + SQ_HEAD_IDX_OFFSET, v);
    }
}
