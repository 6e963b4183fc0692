package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * CREATE_SQ response, 24 bytes copied (management.md §7.2). Bytes 0..7 are the {@link AcqEntry} header.
 * The Rx SQ index is what RSS indirection entries carry (§8.11).
 *
 * <pre>
 *  off  type      field
 *  +8   u16       sq_idx
 *  +12  u32       sq_doorbell_offset
 *  +16  u32       llq_descriptors_offset
 *  +20  u32       llq_headers_offset
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class CreateSqResp {

    private CreateSqResp() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 24;
    /** Offset of sq_idx. */
    public static final long SQ_IDX_OFFSET = 8;
    /** Offset of sq_doorbell_offset. */
    public static final long SQ_DOORBELL_OFFSET_OFFSET = 12;
    /** Offset of llq_descriptors_offset. */
    public static final long LLQ_DESCRIPTORS_OFFSET_OFFSET = 16;
    /** Offset of llq_headers_offset. */
    public static final long LLQ_HEADERS_OFFSET_OFFSET = 20;

    /** sq_idx: device SQ index (u16). */
    public static int sqIdx(MemorySegment s, long base) {
        return Le.u16(s, base + SQ_IDX_OFFSET);
    }

    /** Sets sq_idx. */
    public static void sqIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + SQ_IDX_OFFSET, v);
    }

    /** sq_doorbell_offset (BAR 0 offset) (u32, raw bits). */
    public static int sqDoorbellOffset(MemorySegment s, long base) {
        return Le.u32(s, base + SQ_DOORBELL_OFFSET_OFFSET);
    }

    /** Sets sq_doorbell_offset. */
    public static void sqDoorbellOffset(MemorySegment s, long base, int v) {
        Le.u32(s, base + SQ_DOORBELL_OFFSET_OFFSET, v);
    }

    /** llq_descriptors_offset (BAR 2 offset of the device-memory ring) (u32, raw bits). */
    public static int llqDescriptorsOffset(MemorySegment s, long base) {
        return Le.u32(s, base + LLQ_DESCRIPTORS_OFFSET_OFFSET);
    }

    /** Sets llq_descriptors_offset. */
    public static void llqDescriptorsOffset(MemorySegment s, long base, int v) {
        Le.u32(s, base + LLQ_DESCRIPTORS_OFFSET_OFFSET, v);
    }

    /** llq_headers_offset (BAR 2 offset; ignored by reference drivers) (u32, raw bits). */
    public static int llqHeadersOffset(MemorySegment s, long base) {
        return Le.u32(s, base + LLQ_HEADERS_OFFSET_OFFSET);
    }

    /** Sets llq_headers_offset. */
    public static void llqHeadersOffset(MemorySegment s, long base, int v) {
        Le.u32(s, base + LLQ_HEADERS_OFFSET_OFFSET, v);
    }
}
