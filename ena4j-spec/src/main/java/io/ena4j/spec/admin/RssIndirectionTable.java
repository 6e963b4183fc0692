package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * RSS_INDIRECTION_TABLE_CONFIG (feature 12) inline payload (management.md §8.11); the table itself is a control
 * buffer of {@code 2^size} {@link RssIndirectionEntry} entries. Offsets relative to the payload start.
 *
 * <p>Sizing GET uses feature_version 1 without buffer; read-back GET uses version 0 with a buffer; SET uses
 * {@code inline_index = 0xFFFFFFFF}.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8, S+ = rel + 20)
 *  +0   u16       min_size
 *  +2   u16       max_size
 *  +4   u16       size
 *  +6   u8        flags
 *  +6   u8[0]     flags.one_entry_update
 *  +8   u32       inline_index
 *  +12  u16       inline_entry.cq_idx
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class RssIndirectionTable {

    private RssIndirectionTable() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 16;
    /** Offset of min_size. */
    public static final long MIN_SIZE_OFFSET = 0;
    /** Offset of max_size. */
    public static final long MAX_SIZE_OFFSET = 2;
    /** Offset of size. */
    public static final long SIZE_OFFSET = 4;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 6;
    /** Offset of flags.one_entry_update. */
    public static final long ONE_ENTRY_UPDATE_OFFSET = 6;
    /** Bit position of flags.one_entry_update within its 1-byte word. */
    public static final int ONE_ENTRY_UPDATE_SHIFT = 0;
    /** Mask of flags.one_entry_update in place within its word. */
    public static final int ONE_ENTRY_UPDATE_MASK = 0x1;
    /** Offset of inline_index. */
    public static final long INLINE_INDEX_OFFSET = 8;
    /** Offset of inline_entry.cq_idx. */
    public static final long INLINE_ENTRY_CQ_IDX_OFFSET = 12;

    /** min_size: log2 of the minimum table size (u16). */
    public static int minSize(MemorySegment s, long base) {
        return Le.u16(s, base + MIN_SIZE_OFFSET);
    }

    /** Sets min_size. */
    public static void minSize(MemorySegment s, long base, int v) {
        Le.u16(s, base + MIN_SIZE_OFFSET, v);
    }

    /** max_size: log2 of the maximum table size (u16). */
    public static int maxSize(MemorySegment s, long base) {
        return Le.u16(s, base + MAX_SIZE_OFFSET);
    }

    /** Sets max_size. */
    public static void maxSize(MemorySegment s, long base, int v) {
        Le.u16(s, base + MAX_SIZE_OFFSET, v);
    }

    /** size: log2 of the table size in use / being set (u16). */
    public static int size(MemorySegment s, long base) {
        return Le.u16(s, base + SIZE_OFFSET);
    }

    /** Sets size. */
    public static void size(MemorySegment s, long base, int v) {
        Le.u16(s, base + SIZE_OFFSET, v);
    }

    /** flags: bit 0 ONE_ENTRY_UPDATE (u8). */
    public static int flags(MemorySegment s, long base) {
        return Le.u8(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u8(s, base + FLAGS_OFFSET, v);
    }

    /** flags bit 0 ONE_ENTRY_UPDATE: device can update a single entry. */
    public static int oneEntryUpdate(MemorySegment s, long base) {
        return Le.bits8(s, base + ONE_ENTRY_UPDATE_OFFSET, ONE_ENTRY_UPDATE_SHIFT, 1);
    }

    /** Sets flags.one_entry_update. */
    public static void oneEntryUpdate(MemorySegment s, long base, int v) {
        Le.bits8(s, base + ONE_ENTRY_UPDATE_OFFSET, ONE_ENTRY_UPDATE_SHIFT, 1, v);
    }

    /** inline_index of the single entry to update (0xFFFFFFFF = none) (u32, raw bits). */
    public static int inlineIndex(MemorySegment s, long base) {
        return Le.u32(s, base + INLINE_INDEX_OFFSET);
    }

    /** Sets inline_index. */
    public static void inlineIndex(MemorySegment s, long base, int v) {
        Le.u32(s, base + INLINE_INDEX_OFFSET, v);
    }

    /** inline_entry.cq_idx (u16). */
    public static int inlineEntryCqIdx(MemorySegment s, long base) {
        return Le.u16(s, base + INLINE_ENTRY_CQ_IDX_OFFSET);
    }

    /** Sets inline_entry.cq_idx. */
    public static void inlineEntryCqIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + INLINE_ENTRY_CQ_IDX_OFFSET, v);
    }


    /** inline_index meaning "no inline entry". */
    public static final int INLINE_INDEX_NONE = 0xFFFFFFFF;
    /** Largest table log2 size the reference driver accepts. */
    public static final int MAX_LOG_SIZE = 16;
    /** feature_version of the read-back GET. */
    public static final int FEATURE_VERSION_READBACK = 0;
    /** feature_version of the sizing GET (DPDK copy sends 0; see vectors README). */
    public static final int FEATURE_VERSION_SIZING = 1;
}
